using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenRouter.SemanticKernel.Tests.Infrastructure;

/// <summary>
/// A scripted OpenRouter stand-in on Kestrel (127.0.0.1, random port): <c>POST /api/v1/chat/completions</c> answers from a queue of
/// canned responses (JSON or SSE) and records every request body. Swap for the OpenRouter emulator when it lands.
/// </summary>
internal sealed class LoopbackOpenRouter : IAsyncDisposable
{
    public const string ToolCallJson =
        """{"id":"gen-1","object":"chat.completion","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Weather_GetWeather","arguments":"{\"city\":\"Paris\"}"}}]}}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"cost":0.0001}}""";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string ContentType, string[] Parts)> _responses = new();

    private LoopbackOpenRouter(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public List<string> Bodies { get; } = [];

    public static async Task<LoopbackOpenRouter> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new LoopbackOpenRouter(app);
        app.MapPost("/api/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/api/v1/");
        return server;
    }

    /// <summary>Queues a JSON chat completion.</summary>
    public LoopbackOpenRouter EnqueueJson(string json)
    {
        _responses.Enqueue(("application/json", [json]));
        return this;
    }

    /// <summary>Queues a final text answer as JSON.</summary>
    public LoopbackOpenRouter EnqueueText(string text) => EnqueueJson(
        """{"id":"gen-2","object":"chat.completion","created":1700000001,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":""" + JsonValue.Create(text).ToJsonString() + """}}],"usage":{"prompt_tokens":20,"completion_tokens":6,"total_tokens":26,"cost":0.0002}}""");

    /// <summary>Queues an SSE stream of the given chunk objects, followed by <c>[DONE]</c>.</summary>
    public LoopbackOpenRouter EnqueueStream(params string[] chunks)
    {
        _responses.Enqueue(("text/event-stream", [.. chunks.Select(c => $"data: {c}\n\n"), "data: [DONE]\n\n"]));
        return this;
    }

    /// <summary>Queues the streamed tool call for <c>Weather_GetWeather(city: Paris)</c> (Semantic Kernel 1.82 names plugin functions Plugin_Function on the IChatClient path), in fragments.</summary>
    public LoopbackOpenRouter EnqueueStreamedToolCall() => EnqueueStream(
        Chunk("gen-1", """{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Weather_GetWeather","arguments":""}}]}"""),
        Chunk("gen-1", """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"""),
        Chunk("gen-1", """{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"""),
        Chunk("gen-1", "{}", "tool_calls"),
        Usage("gen-1"));

    /// <summary>Queues a streamed text answer in pieces.</summary>
    public LoopbackOpenRouter EnqueueStreamedText(params string[] pieces) => EnqueueStream(
        [.. pieces.Select((p, i) => Chunk("gen-2", i == 0 ? $$"""{"role":"assistant","content":{{JsonValue.Create(p).ToJsonString()}}}""" : $$"""{"content":{{JsonValue.Create(p).ToJsonString()}}}""")),
         Chunk("gen-2", "{}", "stop"),
         Usage("gen-2")]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Chunk(string id, string delta, string? finishReason = null) =>
        $$"""{"id":"{{id}}","object":"chat.completion.chunk","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{{delta}},"finish_reason":""" + (finishReason is null ? "null" : $"\"{finishReason}\"") + "}]}";

    private static string Usage(string id) =>
        """{"id":"@ID","object":"chat.completion.chunk","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"cost":0.0001}}""".Replace("@ID", id, StringComparison.Ordinal);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (Bodies)
        {
            Bodies.Add(body);
        }

        if (!_responses.TryDequeue(out var response))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("""{"error":{"code":500,"message":"no scripted response left"}}""", context.RequestAborted);
            return;
        }

        context.Response.ContentType = response.ContentType;
        foreach (string part in response.Parts)
        {
            await context.Response.WriteAsync(part, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
