using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenRouter.Samples;

namespace ToolCalling;

/// <summary>Tool calling through dependency injection: two tools, two questions, each answered from a tool result.</summary>
public static class ToolCallingSample
{
    /// <summary>The model used when <c>OpenRouter:DefaultModelId</c> is not configured.</summary>
    public const string DefaultModel = "openai/gpt-4o-mini";

    /// <summary>Runs the sample.</summary>
    /// <param name="args">The command-line arguments, passed to the host (e.g. <c>--OpenRouter:DefaultModelId anthropic/claude-sonnet-4</c>).</param>
    /// <param name="apiKey">
    /// <see langword="null"/> or empty to use the offline emulator; otherwise the host reads the key from configuration
    /// (<c>OpenRouter:ApiKey</c>) or <c>OPENROUTER_API_KEY</c>, as an application would.
    /// </param>
    /// <param name="output">Where the sample writes.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    /// <returns>The process exit code, 0.</returns>
    public static async Task<int> RunAsync(string[] args, string? apiKey, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);   // keep the console for the conversation

        // AddOpenRouterChatClient() binds the "OpenRouter" section (appsettings.json, environment variables such as
        // OpenRouter__DefaultModelId, user secrets, command line) and falls back to OPENROUTER_API_KEY for the key.
        // Offline, the sample points that section at the emulator (setting a key overrides every configuration source).
        if (endpoint.IsEmulator)
        {
            builder.Configuration["OpenRouter:ApiKey"] = endpoint.ApiKey;
            builder.Configuration["OpenRouter:Endpoint"] = endpoint.Endpoint.ToString();
        }

        builder.Configuration["OpenRouter:DefaultModelId"] ??= DefaultModel;
        builder.Configuration["OpenRouter:AppTitle"] = "OpenRouter .NET ToolCalling sample";

        // Registers IChatClient (and OpenRouterClient) with a resilient named HttpClient; the returned ChatClientBuilder
        // adds middleware: FunctionInvokingChatClient runs the tools the model asks for and sends their results back.
        builder.AddOpenRouterChatClient().UseFunctionInvocation();

        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken);   // validates the options (a missing key fails here, naming the setting)

        IChatClient chat = host.Services.GetRequiredService<IChatClient>();
        var options = new ChatOptions
        {
            Tools =
            [
                AIFunctionFactory.Create(GetWeather, "get_weather"),
                AIFunctionFactory.Create(GetLocalTime, "get_local_time"),
            ],
        };

        // One conversation, two questions: the first needs get_weather, the second get_local_time.
        List<ChatMessage> history = [new(ChatRole.System, "Answer briefly. Use the tools for weather and time; do not guess.")];
        foreach (string question in (string[])["What is the weather in Lisbon?", "What is the local time in Tokyo?"])
        {
            output.WriteLine($"> {question}");
            history.Add(new ChatMessage(ChatRole.User, question));
            ChatResponse response = await chat.GetResponseAsync(history, options, cancellationToken);

            // The response holds the whole round trip: the model's tool calls, the tool results, then the answer.
            foreach (AIContent content in response.Messages.SelectMany(m => m.Contents))
            {
                if (content is FunctionCallContent call)
                {
                    output.WriteLine($"  [tool call] {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? [])})");
                }
                else if (content is FunctionResultContent result)
                {
                    output.WriteLine($"  [tool result] {result.Result}");
                }
            }

            output.WriteLine(response.Text);
            history.AddMessages(response);   // keep the tool calls and results in the conversation
        }

        await host.StopAsync(cancellationToken);
        return 0;
    }

    [Description("Gets the current weather of a city.")]
    private static string GetWeather([Description("The city, e.g. Lisbon")] string city) =>
        $"{city}: sunny, 23 °C, light wind from the north";

    [Description("Gets the current local time of a city.")]
    private static string GetLocalTime([Description("The city, e.g. Tokyo")] string city) =>
        city.Contains("Tokyo", StringComparison.OrdinalIgnoreCase)
            ? $"{city}: {DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)):HH:mm} (UTC+9)"
            : $"{city}: {DateTimeOffset.UtcNow:HH:mm} (UTC; this demo only knows Tokyo's offset)";
}
