using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>
/// <c>--parts</c>: bytes allocated by each step of our non-streaming path, and rough timings of the streaming parse steps
/// (reader, reader + update, bare tokenizing, SseParser), used to find where the time and bytes go. Not a benchmark.
/// </summary>
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
        TimeStream();
        return 0;
    }

    private static void TimeStream()
    {
        byte[] sse = Payloads.ContentStream();
        var events = new List<byte[]>();
        foreach (string block in System.Text.Encoding.UTF8.GetString(sse).Split("\n\n"))
        {
            if (block.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(System.Text.Encoding.UTF8.GetBytes(block[6..]));
            }
        }

        void Time(string name, Action body)
        {
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 700) body();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            long before = GC.GetAllocatedBytesForCurrentThread();
            int n = 0;
            while (sw.ElapsedMilliseconds < 500) { body(); n++; }
            Console.WriteLine($"{name,-40} {sw.Elapsed.TotalMicroseconds / n,10:F1} us {(GC.GetAllocatedBytesForCurrentThread() - before) / n,10} B");
        }

        byte[] body = Payloads.NonStreaming();
        var msgs = Clients.OneUserMessage();
        var nsFrame = new ChatCompletionFrame();
        Time("(a) reader x100", () => { for (int i = 0; i < 100; i++) ChatCompletionReader.Read(body, nsFrame, false); });
        byte[] compact = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement));
        Time("(a) reader compact x100", () => { for (int i = 0; i < 100; i++) ChatCompletionReader.Read(compact, nsFrame, false); });
        byte[] noUsage = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(compact).Split(",\"usage\"")[0] + "}");
        Time("(a) reader compact no usage x100", () => { for (int i = 0; i < 100; i++) ChatCompletionReader.Read(noUsage, nsFrame, false); });
        Time("(a) reader compact streaming x100", () => { for (int i = 0; i < 100; i++) ChatCompletionReader.Read(compact, nsFrame, true); });
        Time("(a) JsonElement x100", () => { for (int i = 0; i < 100; i++) JsonSerializer.Deserialize(body, OpenRouterJsonContext.Default.JsonElement); });
        JsonElement nsRaw = JsonSerializer.Deserialize(body, OpenRouterJsonContext.Default.JsonElement);
        Time("(a) element reader x100", () => { for (int i = 0; i < 100; i++) ChatCompletionElementReader.Read(nsRaw, nsFrame); });
        Time("(a) JsonDocument.Parse x100", () => { for (int i = 0; i < 100; i++) JsonDocument.Parse(body).Dispose(); });
        var skip = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        Time("(a) JsonDocument.Parse skip-comments x100", () => { for (int i = 0; i < 100; i++) JsonDocument.Parse(body, skip).Dispose(); });
        var ropts = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };
        Time("(a) tokenize x100", () => { for (int i = 0; i < 100; i++) { var r = new Utf8JsonReader(body); while (r.Read()) { } } });
        Time("(a) tokenize ours-opts x100", () => { for (int i = 0; i < 100; i++) { var r = new Utf8JsonReader(body, ropts); while (r.Read()) { } } });
        Time("(a) tokenize+getstring x100", () => { for (int i = 0; i < 100; i++) { var r = new Utf8JsonReader(body, ropts); while (r.Read()) { if (r.TokenType == JsonTokenType.String) r.GetString(); } } });
        Time("(a) JsonElement.Parse x100", () => { for (int i = 0; i < 100; i++) JsonElement.Parse(body); });
        Time("(a) JsonElement.Parse skip x100", () => { for (int i = 0; i < 100; i++) JsonElement.Parse(body, skip); });
        Time("(a) mapper x100", () => { for (int i = 0; i < 100; i++) ChatResponseMapper.ToChatResponse(nsFrame, nsRaw); });
        Time("(a) request writer x100", () => { for (int i = 0; i < 100; i++) ChatRequestWriter.WriteToBuffer(msgs, null, "openai/gpt-4o", false, null).Dispose(); });
        var frame = new ChatCompletionFrame();
        Time("reader only (all events)", () => { foreach (byte[] e in events) { if (e.Length > 6 && e[0] == (byte)'{') ChatCompletionReader.Read(e, frame, true); } });
        Time("reader+CreateUpdate (all events)", () =>
        {
            var state = new ChatStreamState();
            foreach (byte[] e in events) { if (state.Parse(e)) { state.CreateUpdate(); } }
        });
        Time("json tokenize only", () => { foreach (byte[] e in events) { if (e[0] != (byte)0x7b) continue; var r = new Utf8JsonReader(e); while (r.Read()) { } } });
        var opts = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };
        Time("json tokenize only, ours options", () => { foreach (byte[] e in events) { if (e[0] != (byte)0x7b) continue; var r = new Utf8JsonReader(e, opts); while (r.Read()) { } } });
        var sseStream = new MemoryStream(sse);
        Time("SseParser only", () =>
        {
            sseStream.Position = 0;
            foreach (var item in System.Net.ServerSentEvents.SseParser.Create(sseStream, (_, d) => d.Length).Enumerate()) { }
        });
    }
}
