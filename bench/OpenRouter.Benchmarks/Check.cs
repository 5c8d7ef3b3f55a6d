using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>
/// <c>--check</c>: asserts that ours, the peer and the floor hand over the same text, tool call (name + arguments) and token
/// counts for scenarios (a)–(c), and reports what only ours surfaces (reasoning, cost). Exit code 1 on any mismatch.
/// </summary>
internal static class Check
{
    private static int _failures;

    public static async Task<int> RunAsync()
    {
        List<ChatMessage> messages = Clients.OneUserMessage();

        // (a)
        {
            var handler = new InMemoryHandler(Payloads.NonStreaming(), eventStream: false);
            ChatResponse ours = await Clients.Ours(handler, Payloads.TextModel).GetResponseAsync(messages);
            ChatResponse peer = await Clients.Peer(handler, Payloads.TextModel).GetResponseAsync(messages);
            FloorResult floor = await Clients.Floor(handler).CompleteAsync();
            Compare("a", Payloads.NonStreamingText, floor, ours, peer);
        }

        // (b)
        {
            var handler = new InMemoryHandler(Payloads.ContentStream(), eventStream: true);
            ChatResponse ours = await Clients.Ours(handler, Payloads.TextModel).GetStreamingResponseAsync(messages).ToChatResponseAsync();
            ChatResponse peer = await Clients.Peer(handler, Payloads.TextModel).GetStreamingResponseAsync(messages).ToChatResponseAsync();
            FloorResult floor = await Clients.Floor(handler).StreamAsync();
            Compare("b", Payloads.StreamText, floor, ours, peer);
        }

        // (c)
        {
            var handler = new InMemoryHandler(Payloads.ReasoningToolStream(), eventStream: true);
            ChatResponse ours = await Clients.Ours(handler, Payloads.Model).GetStreamingResponseAsync(messages).ToChatResponseAsync();
            ChatResponse peer = await Clients.Peer(handler, Payloads.Model).GetStreamingResponseAsync(messages).ToChatResponseAsync();
            FloorResult floor = await Clients.Floor(handler).StreamAsync();
            Compare("c", string.Empty, floor, ours, peer);
            Expect("c", "floor reasoning", Payloads.ReasoningText, floor.Reasoning.ToString());
            Expect("c", "floor tool name", Payloads.ToolName, floor.ToolName);
            Expect("c", "floor tool arguments", Payloads.ToolArguments, floor.Arguments.ToString());
            Expect("c", "ours reasoning", Payloads.ReasoningText, string.Concat(ours.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
            CompareToolCall("c", "ours", floor, ours);
            CompareToolCall("c", "peer", floor, peer);
        }

        // (d): the same conversation through ours and the peer, and the hand-written floor request, all accepted.
        {
            (List<ChatMessage> m, ChatOptions o) = RequestBenchmarks.Conversation.Build();
            var handler = new InMemoryHandler(Payloads.TinyCompletion(), eventStream: false);
            Expect("d", "ours answer", "ok", (await Clients.Ours(handler, Payloads.TextModel).GetResponseAsync(m, o)).Text);
            long oursLength = handler.LastRequestLength;
            Expect("d", "peer answer", "ok", (await Clients.Peer(handler, Payloads.TextModel).GetResponseAsync(m, o)).Text);
            long peerLength = handler.LastRequestLength;
            var floorBuffer = new System.Buffers.ArrayBufferWriter<byte>();
            RequestBenchmarks.Conversation.WriteByHand(floorBuffer);
            Console.WriteLine($"[d] request body bytes: ours {oursLength}, peer {peerLength}, floor {floorBuffer.WrittenCount}");
        }

        // (e)
        {
            var handler = new InMemoryHandler(Payloads.Catalog(), eventStream: false);
            using var client = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = Clients.ApiKey }, new HttpClient(handler));
            IReadOnlyList<OpenRouterModel> models = await client.Models.ListAsync();
            Expect("e", "model count", "300", models.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Expect("e", "model 42", Payloads.CatalogId(42), models[42].Id);
        }

        // (f): ours, the peer and the floor read the same vectors from both encodings.
        foreach (bool base64 in new[] { true, false })
        {
            string label = base64 ? "f base64" : "f float";
            var side = new EmbeddingBenchmarks.Side(Payloads.Embeddings(EmbeddingBenchmarks.Count, EmbeddingBenchmarks.Dimensions, base64), base64 ? "base64" : "float");
            GeneratedEmbeddings<Embedding<float>> ours = await side.Ours.GenerateAsync(Payloads.EmbeddingInputs);
            long oursRequest = side.Handler.LastRequestLength;
            GeneratedEmbeddings<Embedding<float>> peer = await side.Peer.GenerateAsync(Payloads.EmbeddingInputs);
            float[][] floor = await side.FloorAsync();
            bool same = ours.Count == EmbeddingBenchmarks.Count && peer.Count == ours.Count && floor.Length == ours.Count;
            for (int i = 0; same && i < ours.Count; i++)
            {
                float expected = Payloads.EmbeddingValue(i, 7);
                same = ours[i].Vector.Span.SequenceEqual(peer[i].Vector.Span) && ours[i].Vector.Span.SequenceEqual(floor[i]) && ours[i].Vector.Span[7] == expected;
            }

            Expect(label, "same vectors from ours, the peer and the floor", "True", same.ToString());
            Expect(label, "ours cost", "0.00002", ours.Usage.GetOpenRouterCost()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            Console.WriteLine($"[{label}] answer {Payloads.Embeddings(EmbeddingBenchmarks.Count, EmbeddingBenchmarks.Dimensions, base64).Length:N0} bytes, our request {oursRequest:N0} bytes");
        }

        Console.WriteLine(_failures == 0 ? "CHECK PASSED" : $"CHECK FAILED: {_failures} mismatch(es)");
        return _failures == 0 ? 0 : 1;
    }

    private static void Compare(string scenario, string expectedText, FloorResult floor, ChatResponse ours, ChatResponse peer)
    {
        Expect(scenario, "floor text", expectedText, floor.Text.ToString());
        Expect(scenario, "ours text", expectedText, ours.Text);
        Expect(scenario, "peer text", expectedText, peer.Text);
        foreach ((string who, ChatResponse r) in new[] { ("ours", ours), ("peer", peer) })
        {
            Expect(scenario, who + " input tokens", floor.PromptTokens, r.Usage?.InputTokenCount);
            Expect(scenario, who + " output tokens", floor.CompletionTokens, r.Usage?.OutputTokenCount);
            Expect(scenario, who + " total tokens", floor.TotalTokens, r.Usage?.TotalTokenCount);
        }

        (int oursReasoning, object? oursCost) = Extras(ours);
        (int peerReasoning, object? peerCost) = Extras(peer);
        Console.WriteLine($"[{scenario}] ours: reasoning {(oursReasoning > 0 ? oursReasoning + " chars" : "none")}, cost {oursCost ?? "none"}; peer: reasoning {(peerReasoning > 0 ? peerReasoning + " chars" : "none")}, cost {peerCost ?? "none"}");
        Line(oursCost is not null, scenario, "only ours yields the cost", oursCost is null ? "ours has no cost" : peerCost is null ? "peer has none" : "peer has one too");
        if (scenario == "c")
        {
            Line(oursReasoning > 0, scenario, "only ours yields reasoning", oursReasoning == 0 ? "ours has none" : peerReasoning == 0 ? "peer has none" : "peer has some too");
        }
    }

    private static void CompareToolCall(string scenario, string who, FloorResult floor, ChatResponse response)
    {
        FunctionCallContent[] calls = [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()];
        Expect(scenario, who + " tool call count", 1L, calls.Length);
        if (calls.Length != 1)
        {
            return;
        }

        Expect(scenario, who + " tool name", floor.ToolName, calls[0].Name);
        using JsonDocument expected = JsonDocument.Parse(floor.Arguments.ToString());
        JsonElement actual = JsonSerializer.SerializeToElement(calls[0].Arguments);
        bool same = JsonElement.DeepEquals(expected.RootElement, actual);
        Line(same, scenario, who + " tool arguments", same ? $"{floor.Arguments.Length} chars, equal as JSON" : $"differ: {actual.GetRawText()}");
    }

    private static (int ReasoningChars, object? Cost) Extras(ChatResponse response)
    {
        int reasoning = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Sum(r => r.Text.Length);
        // The cost is in the usage, in both modes (ToChatResponse adds up the usage of a stream's updates).
        object? cost = response.GetOpenRouterCost();
        return (reasoning, cost);
    }

    private static void Expect<T>(string scenario, string what, T expected, T actual)
    {
        bool ok = EqualityComparer<T>.Default.Equals(expected, actual);
        Line(ok, scenario, what, ok ? "ok" : $"expected <{Short(expected)}> got <{Short(actual)}>");
    }

    private static void Expect(string scenario, string what, long expected, long? actual) => Expect(scenario, what, (long?)expected, actual);

    private static void Line(bool ok, string scenario, string what, string detail)
    {
        if (!ok)
        {
            _failures++;
        }

        Console.WriteLine($"[{scenario}] {(ok ? "PASS" : "FAIL")} {what}: {detail}");
    }

    private static string Short<T>(T value)
    {
        string s = value?.ToString() ?? "null";
        return s.Length > 80 ? s[..80] + "…" : s;
    }
}
