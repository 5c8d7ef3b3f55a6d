using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>
/// (d) Sending a request of 20 messages and 5 tools.
/// </summary>
/// <remarks>
/// Every client goes through its public API only: the peer offers no way to serialize a request without sending it, and
/// ours keeps its request writer internal. So each one sends the same conversation over a handler that drains the request
/// body and answers a tiny completion at once: all three pay the same HTTP overhead, and the difference is request building
/// (plus parsing a ~300-byte answer). The floor writes the same JSON by hand with a <see cref="Utf8JsonWriter"/> from plain
/// strings and sends it.
/// </remarks>
[BenchmarkCategory("d: request 20 msgs + 5 tools")]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class RequestBenchmarks
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _floorBuffer = new(32 * 1024);
    private List<ChatMessage> _messages = null!;
    private ChatOptions _options = null!;
    private IChatClient _ours = null!;
    private IChatClient _peer = null!;
    private FloorClient _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_messages, _options) = Conversation.Build();
        var handler = new InMemoryHandler(Payloads.TinyCompletion(), eventStream: false);
        _ours = Clients.Ours(handler, Payloads.TextModel);
        _peer = Clients.Peer(handler, Payloads.TextModel);
        _floor = Clients.Floor(handler);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("d: send")]
    public async Task<int> Floor_Send()
    {
        _floorBuffer.ResetWrittenCount();
        Conversation.WriteByHand(_floorBuffer);
        return (await _floor.SendAsync(_floorBuffer.WrittenMemory)).Text.Length;
    }

    [Benchmark, BenchmarkCategory("d: send")]
    public async Task<int> Ours_Send() => (await _ours.GetResponseAsync(_messages, _options)).Text.Length;

    [Benchmark, BenchmarkCategory("d: send")]
    public async Task<int> Peer_Send() => (await _peer.GetResponseAsync(_messages, _options)).Text.Length;

    /// <summary>The conversation of scenario (d), and the same request written by hand for the floor.</summary>
    internal static class Conversation
    {
        private static readonly string[] ToolNames = ["get_weather", "search_web", "read_file", "send_email", "create_event"];

        // Every string is made once, so the floor pays only for writing, as ours does with its prebuilt messages.
        private static readonly string[] UserTexts = [.. Enumerable.Range(0, 20).Select(MakeUserText)];
        private static readonly string[] AssistantTexts = [.. Enumerable.Range(0, 20).Select(MakeAssistantText)];
        private static readonly string[] ToolResults = [.. Enumerable.Range(0, 20).Select(MakeToolResult)];
        private static readonly string[] CallIds = [.. Enumerable.Range(0, 20).Select(MakeCallId)];
        private static readonly string[] Arguments = [.. Enumerable.Range(0, 20).Select(t => string.Create(CultureInfo.InvariantCulture, $"{{\"query\":\"item {t}\",\"limit\":{t + 1}}}"))];
        private static readonly string[] Descriptions = [.. ToolNames.Select(n => "Tool " + n + ": does " + n.Replace('_', ' ') + " and returns JSON.")];

        private static readonly JsonElement[] Schemas = [.. ToolNames.Select((n, i) => JsonDocument.Parse("""
            {"type":"object","properties":{"query":{"type":"string","description":"What to NAME for."},"limit":{"type":"integer","minimum":1,"maximum":MAX},"units":{"type":"string","enum":["metric","imperial"]},"tags":{"type":"array","items":{"type":"string"}}},"required":["query"],"additionalProperties":false}
            """.Replace("NAME", n, StringComparison.Ordinal).Replace("MAX", ((i + 1) * 10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).RootElement.Clone())];

        public static (List<ChatMessage> Messages, ChatOptions Options) Build()
        {
            var messages = new List<ChatMessage> { new(ChatRole.System, "You are a helpful assistant. Answer briefly, cite sources, and use the tools when they help.") };
            for (int turn = 0; messages.Count < 20; turn++)
            {
                messages.Add(new ChatMessage(ChatRole.User, UserText(turn)));
                if (turn % 3 == 1 && messages.Count <= 17)
                {
                    string callId = CallId(turn);
                    messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, ToolNames[turn % 5], new Dictionary<string, object?> { ["query"] = "item " + turn.ToString(CultureInfo.InvariantCulture), ["limit"] = turn + 1 })]));
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, ToolResult(turn))]));
                }

                if (messages.Count < 20)
                {
                    messages.Add(new ChatMessage(ChatRole.Assistant, AssistantText(turn)));
                }
            }

            var options = new ChatOptions
            {
                Temperature = 0.7f,
                MaxOutputTokens = 1024,
                Tools = [.. ToolNames.Select((n, i) => (AITool)AIFunctionFactory.CreateDeclaration(n, Descriptions[i], Schemas[i]))],
            };
            return (messages, options);
        }

        /// <summary>The same request as ours writes, from plain strings.</summary>
        public static void WriteByHand(IBufferWriter<byte> output)
        {
            using var w = new Utf8JsonWriter(output, WriterOptions);
            w.WriteStartObject();
            w.WriteString("model"u8, Payloads.TextModel);
            w.WriteStartArray("messages"u8);
            Message(w, "system", "You are a helpful assistant. Answer briefly, cite sources, and use the tools when they help.");
            int count = 1;
            for (int turn = 0; count < 20; turn++)
            {
                Message(w, "user", UserText(turn));
                count++;
                if (turn % 3 == 1 && count <= 17)
                {
                    string callId = CallId(turn);
                    w.WriteStartObject();
                    w.WriteString("role"u8, "assistant");
                    w.WriteNull("content"u8);
                    w.WriteStartArray("tool_calls"u8);
                    w.WriteStartObject();
                    w.WriteString("id"u8, callId);
                    w.WriteString("type"u8, "function");
                    w.WriteStartObject("function"u8);
                    w.WriteString("name"u8, ToolNames[turn % 5]);
                    w.WriteString("arguments"u8, Arguments[turn]);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteStartObject();
                    w.WriteString("role"u8, "tool");
                    w.WriteString("tool_call_id"u8, callId);
                    w.WriteString("content"u8, ToolResult(turn));
                    w.WriteEndObject();
                    count += 2;
                }

                if (count < 20)
                {
                    Message(w, "assistant", AssistantText(turn));
                    count++;
                }
            }

            w.WriteEndArray();
            w.WriteNumber("temperature"u8, 0.7);
            w.WriteNumber("max_tokens"u8, 1024);
            w.WriteStartArray("tools"u8);
            for (int i = 0; i < ToolNames.Length; i++)
            {
                string n = ToolNames[i];
                w.WriteStartObject();
                w.WriteString("type"u8, "function");
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, n);
                w.WriteString("description"u8, Descriptions[i]);
                w.WritePropertyName("parameters"u8);
                Schemas[i].WriteTo(w);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("tool_choice"u8, "auto");
            w.WriteEndObject();
        }

        private static void Message(Utf8JsonWriter w, string role, string content)
        {
            w.WriteStartObject();
            w.WriteString("role"u8, role);
            w.WriteString("content"u8, content);
            w.WriteEndObject();
        }

        private static string UserText(int turn) => UserTexts[turn];

        private static string MakeUserText(int turn) => string.Create(CultureInfo.InvariantCulture, $"Question {turn}: what is the weather like in city number {turn}, and what should I pack for a three-day trip there in late spring?");

        private static string AssistantText(int turn) => AssistantTexts[turn];

        private static string MakeAssistantText(int turn) => string.Create(CultureInfo.InvariantCulture, $"Answer {turn}: expect mild temperatures around {15 + turn} °C with occasional showers. Pack layers, a light rain jacket and comfortable walking shoes.");

        private static string ToolResult(int turn) => ToolResults[turn];

        private static string MakeToolResult(int turn) => string.Create(CultureInfo.InvariantCulture, $"{{\"temperature\":{15 + turn},\"conditions\":\"showers\",\"humidity\":0.{60 + turn}}}");

        private static string CallId(int turn) => CallIds[turn];

        private static string MakeCallId(int turn) => string.Create(CultureInfo.InvariantCulture, $"call_{turn:D4}abcdef");
    }
}
