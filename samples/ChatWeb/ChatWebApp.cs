using System.ComponentModel;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;
using OpenRouter.Testing;

namespace ChatWeb;

/// <summary>
/// The ChatWeb app: <c>GET /</c> is the page, <c>POST /api/chat</c> streams one answer as server-sent events
/// (<c>reasoning</c>, <c>text</c>, <c>tool_call</c>, <c>tool_result</c>, then <c>usage</c> with the cost, or <c>error</c>),
/// <c>GET /health</c> is OpenRouter's health check.
/// </summary>
public sealed class ChatWebApp : IAsyncDisposable
{
    /// <summary>The model used when <c>OPENROUTER_MODEL</c> is not set.</summary>
    public const string DefaultModel = "openai/gpt-4o-mini";

    /// <summary>Where the app listens when no <c>--urls</c> is given.</summary>
    public const string DefaultAddress = "http://127.0.0.1:5080";

    private readonly WebApplication _app;
    private readonly SampleEndpoint _endpoint;

    private ChatWebApp(WebApplication app, SampleEndpoint endpoint, Uri address)
    {
        _app = app;
        _endpoint = endpoint;
        Address = address;
    }

    /// <summary>Gets the address the app listens on, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Gets the emulator the app talks to when it runs offline, to script its answers in tests; otherwise <see langword="null"/>.</summary>
    public OpenRouterEmulator? Emulator => _endpoint.Emulator;

    /// <summary>Starts the app: on openrouter.ai with <paramref name="apiKey"/>, otherwise on the offline emulator.</summary>
    /// <param name="args">Command-line arguments for the web host, e.g. <c>--urls http://127.0.0.1:0</c> (a free port).</param>
    /// <param name="apiKey"><see langword="null"/> or empty for the offline emulator; otherwise the key is read from configuration or <c>OPENROUTER_API_KEY</c>.</param>
    /// <param name="output">Where the app says which endpoint it uses.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running app; dispose it to stop it.</returns>
    public static async Task<ChatWebApp> StartAsync(string[] args, string? apiKey, TextWriter output, CancellationToken cancellationToken = default)
    {
        SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);
        try
        {
            WebApplication app = Build(args, endpoint);
            await app.StartAsync(cancellationToken);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ChatWebApp(app, endpoint, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await endpoint.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the app is stopped (Ctrl+C).</summary>
    /// <returns>A task that completes when the app has stopped.</returns>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private static WebApplication Build(string[] args, SampleEndpoint endpoint)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (builder.Configuration[WebHostDefaults.ServerUrlsKey] is null)
        {
            builder.WebHost.UseUrls(DefaultAddress);
        }

        // The name "openrouter" is both a configuration section and a connection string, as an Aspire AppHost that declares
        // AddOpenAI("openrouter") provides it (Endpoint=…;Key=…). Offline, the connection string points at the emulator,
        // which streams its demo answers word by word, 40 ms apart, so the page visibly fills in.
        if (endpoint.IsEmulator)
        {
            builder.Configuration["ConnectionStrings:openrouter"] = $"Endpoint={endpoint.Endpoint};Key={endpoint.ApiKey}";
            endpoint.Emulator!.Handler = _ => EmulatorResponse.Demo().WithEventDelay(TimeSpan.FromMilliseconds(40));
        }

        builder.Configuration["openrouter:DefaultModelId"] ??= Environment.GetEnvironmentVariable("OPENROUTER_MODEL") is { Length: > 0 } model ? model : DefaultModel;
        builder.Configuration["openrouter:AppTitle"] = "OpenRouter .NET ChatWeb sample";

        // The IChatClient, with FunctionInvokingChatClient running the tools the model asks for.
        builder.AddOpenRouterChatClient("openrouter").UseFunctionInvocation();
        builder.Services.AddHealthChecks().AddOpenRouterHealthCheck();

        WebApplication app = builder.Build();
        app.MapGet("/", () => Results.Stream(typeof(ChatWebApp).Assembly.GetManifestResourceStream("ChatWeb.index.html")!, "text/html; charset=utf-8"));
        app.MapPost("/api/chat", (ChatRequest request, IChatClient chat, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(StreamAnswerAsync(chat, request, cancellationToken)));
        app.MapHealthChecks("/health");
        return app;
    }

    /// <summary>Turns the streamed updates of one answer into the page's events, ending with its cost (or the error).</summary>
    private static async IAsyncEnumerable<SseItem<string>> StreamAnswerAsync(IChatClient chat, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are a helpful assistant. Use the tools for weather and time; do not guess them."),
            .. request.Messages.Select(m => new ChatMessage(m.Role == "assistant" ? ChatRole.Assistant : ChatRole.User, m.Text)),
        ];
        ChatOptions options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create(GetWeather, "get_weather"), AIFunctionFactory.Create(GetLocalTime, "get_local_time")],
        }.WithReasoning(new OpenRouterReasoning { Effort = "low" });

        var updates = new List<ChatResponseUpdate>();
        await using IAsyncEnumerator<ChatResponseUpdate> stream = chat.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            string? error = null;
            bool more;
            try
            {
                more = await stream.MoveNextAsync();
            }
            catch (OpenRouterException ex)
            {
                (more, error) = (false, ex.Message);
            }

            if (error is not null)
            {
                yield return Event("error", new { message = error });
                yield break;
            }

            if (!more)
            {
                break;
            }

            updates.Add(stream.Current);
            foreach (AIContent content in stream.Current.Contents)
            {
                SseItem<string>? item = content switch
                {
                    TextReasoningContent { Text.Length: > 0 } reasoning => Event("reasoning", new { text = reasoning.Text }),
                    TextContent { Text.Length: > 0 } text => Event("text", new { text = text.Text }),
                    FunctionCallContent call => Event("tool_call", new { id = call.CallId, name = call.Name, arguments = call.Arguments }),
                    FunctionResultContent result => Event("tool_result", new { id = result.CallId, result = result.Result?.ToString() }),
                    _ => null,
                };
                if (item is { } sse)
                {
                    yield return sse;
                }
            }
        }

        // Usage and cost add up over the rounds of a tool loop.
        ChatResponse response = updates.ToChatResponse();
        yield return Event("usage", new
        {
            cost = response.GetOpenRouterCost(),
            inputTokens = response.Usage?.InputTokenCount,
            outputTokens = response.Usage?.OutputTokenCount,
            cachedTokens = response.Usage?.CachedInputTokenCount ?? 0,
            reasoningTokens = response.Usage?.ReasoningTokenCount ?? 0,
            model = response.ModelId,
        });
    }

    private static SseItem<string> Event(string type, object payload) => new(JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), type);

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city")] string city) => $"Sunny, 21 °C in {city}";

    [Description("Gets the local time in a city.")]
    private static string GetLocalTime([Description("The city")] string city) =>
        $"{DateTimeOffset.UtcNow.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC in {city}";

    /// <summary>The page's request: the conversation so far, the new user message last.</summary>
    /// <param name="Messages">The turns, oldest first.</param>
    public sealed record ChatRequest(IReadOnlyList<ChatTurn> Messages);

    /// <summary>One turn of the conversation.</summary>
    /// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
    /// <param name="Text">The turn's text.</param>
    public sealed record ChatTurn(string Role, string Text);
}
