using OpenRouter.Testing;

namespace OpenRouter.SemanticKernel.Tests.Infrastructure;

/// <summary>
/// The canned OpenRouter answers these tests need, served by the OpenRouter emulator (a real Kestrel server on 127.0.0.1).
/// </summary>
internal sealed class LoopbackOpenRouter : IAsyncDisposable
{
    /// <summary>A tool call for <c>Weather_GetWeather(city: Paris)</c> (Semantic Kernel 1.82 names plugin functions Plugin_Function on the IChatClient path).</summary>
    public const string ToolCallJson =
        """{"id":"gen-1","object":"chat.completion","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"Weather_GetWeather","arguments":"{\"city\":\"Paris\"}"}}]}}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"cost":0.0001}}""";

    private readonly OpenRouterEmulator _emulator;

    private LoopbackOpenRouter(OpenRouterEmulator emulator) => _emulator = emulator;

    public Uri Endpoint => _emulator.Endpoint;

    /// <summary>Gets the request bodies received, in order.</summary>
    public List<string> Bodies => [.. _emulator.Requests.Select(r => r.Body ?? string.Empty)];

    public static async Task<LoopbackOpenRouter> StartAsync() =>
        new(await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { Model = "openai/gpt-4o", Provider = "OpenAI" }, TestContext.Current.CancellationToken));

    /// <summary>Queues a JSON chat completion, sent verbatim.</summary>
    public LoopbackOpenRouter EnqueueJson(string json)
    {
        _emulator.Enqueue(EmulatorResponse.Json(json));
        return this;
    }

    /// <summary>Queues a final text answer (JSON or streamed, as the request asks).</summary>
    public LoopbackOpenRouter EnqueueText(string text)
    {
        _emulator.Enqueue(EmulatorResponse.Text(text));
        return this;
    }

    /// <summary>Queues the streamed tool call for <c>Weather_GetWeather(city: Paris)</c>, its arguments in fragments.</summary>
    public LoopbackOpenRouter EnqueueStreamedToolCall()
    {
        _emulator.Enqueue(EmulatorResponse.ToolCall("Weather_GetWeather", """{"city":"Paris"}""", id: "call_1"));
        return this;
    }

    /// <summary>Queues a streamed text answer in exactly these pieces.</summary>
    public LoopbackOpenRouter EnqueueStreamedText(params string[] pieces)
    {
        _emulator.Enqueue(EmulatorResponse.StreamedText(pieces));
        return this;
    }

    /// <summary>Queues any scripted response, for example one with a chosen <c>usage.cost</c>.</summary>
    public LoopbackOpenRouter Enqueue(EmulatorResponse response)
    {
        _emulator.Enqueue(response);
        return this;
    }

    /// <summary>Queues a two-round tool loop whose rounds cost 0.0012 and 0.0034 US dollars: the <c>Weather_GetWeather(city: Paris)</c> call, then the answer.</summary>
    public LoopbackOpenRouter EnqueueCostedToolLoop() =>
        Enqueue(EmulatorResponse.ToolCall("Weather_GetWeather", """{"city":"Paris"}""", id: "call_1").WithUsage(40, 10, 0.0012m))
            .Enqueue(EmulatorResponse.Text("It is sunny in Paris.").WithUsage(60, 8, 0.0034m));

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
