using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;

namespace OpenRouter.Benchmarks;

internal static class Parts
{
    private static long Measure(string name, Action a)
    {
        for (int i = 0; i < 50; i++) a();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) a();
        long b = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Console.WriteLine($"{name,-40} {b,8} B");
        return b;
    }

    public static int Run()
    {
        byte[] body = Payloads.NonStreaming();
        var msgs = Clients.OneUserMessage();
        Measure("byte[] copy of body", () => body.AsSpan().ToArray());
        Measure("frame+read", () => ChatCompletionReader.Read(body, new ChatCompletionFrame(), false));
        Measure("deserialize JsonElement", () => JsonSerializer.Deserialize(body, OpenRouterJsonContext.Default.JsonElement));
        var frame = new ChatCompletionFrame();
        ChatCompletionReader.Read(body, frame, false);
        JsonElement raw = JsonSerializer.Deserialize(body, OpenRouterJsonContext.Default.JsonElement);
        Measure("mapper", () => ChatResponseMapper.ToChatResponse(frame, raw));
        Measure("writer", () => ChatRequestWriter.WriteToBuffer(msgs, null, "openai/gpt-4o", false, null).Dispose());
        var opts = new OpenRouterClientOptions { ApiKey = "x" };
        var t = new OpenRouterTransport(opts, new HttpClient());
        Measure("create request", () => t.CreateRequest(HttpMethod.Post, "chat/completions").Dispose());
        Measure("new uri", () => new Uri(t.Endpoint, "chat/completions"));
        return 0;
    }
}
