using System.Text;
using System.Text.Json;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>The element reader (non-streaming fast path) reads exactly what the single-pass reader reads.</summary>
public sealed class ChatCompletionElementReaderTests
{
    public static TheoryData<string> Bodies()
    {
        var data = new TheoryData<string>
        {
            ChatTestKit.Fixture("text.json"),
            ChatTestKit.Fixture("reasoning-tool.json"),
            """{"id":"a","id":"b","model":7,"created":1.5e3,"choices":[3,{"message":{"content":[{"type":"text","text":"x"},{"type":"image_url","text":"no"},{"text":"y","type":"text"}],"refusal":"r","tool_calls":[{"function":{"name":"f","arguments":{"a":[1,2]}}},5,{"index":4,"id":"c2","function":{"arguments":null}}]},"finish_reason":"length","logprobs":{"content":[]}},{"message":{"content":"ignored"}}],"usage":{"prompt_tokens":"12","completion_tokens":3.0,"total_tokens":null,"cost":1.5e-7,"is_byok":true,"prompt_tokens_details":{"cached_tokens":1,"cache_write_tokens":2,"reasoning_tokens":9},"completion_tokens_details":{"reasoning_tokens":4,"cached_tokens":8}}}""",
            """{"id":"e","choices":[{"message":{"content":null},"finish_reason":"error","error":{"code":502,"message":"upstream"}}],"error":"top","usage":null}""",
            """{"choices":"nope","usage":{"cost":"0.25"},"system_fingerprint":"fp","provider":"P","created":"x"}""",
            """{"choices":[{"message":{"content":"a","reasoning":"r","reasoning_details":[{"type":"reasoning.text","text":"r","index":0}]},"native_finish_reason":"end_turn"}]}""",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Read_Element_EqualsSinglePassReader(string json)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        var expected = new ChatCompletionFrame();
        ChatCompletionReader.Read(body, expected, streaming: false);
        var actual = new ChatCompletionFrame();
        ChatCompletionElementReader.Read(JsonSerializer.Deserialize<JsonElement>(body), actual);

        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public void Read_ArgumentsNumber_ThrowsLikeSinglePassReader()
    {
        byte[] body = """{"id":"g","choices":[{"message":{"tool_calls":[{"function":{"arguments":5}}]}}]}"""u8.ToArray();
        var frame = new ChatCompletionFrame();
        JsonException expected = Assert.Throws<JsonException>(() => ChatCompletionReader.Read(body, frame, streaming: false));
        var other = new ChatCompletionFrame();
        JsonException actual = Assert.Throws<JsonException>(() => ChatCompletionElementReader.Read(JsonSerializer.Deserialize<JsonElement>(body), other));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(frame.Id, other.Id);
    }

    private static string Describe(ChatCompletionFrame f)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{f.Id}|{f.Model}|{f.Provider}|{f.SystemFingerprint}|{f.Created}|{f.Content}|{f.Refusal}|{f.Reasoning}|{f.FinishReason}|{f.NativeFinishReason}|{f.ReasoningDetailsJson}");
        sb.AppendLine($"logprobs={f.Logprobs?.GetRawText()} error={f.Error?.GetRawText()}");
        foreach (ToolCallFragment c in f.ToolCalls)
        {
            sb.AppendLine($"call {c.Index}|{c.Id}|{c.Name}|{c.Arguments}");
        }

        if (f.Usage is { } u)
        {
            sb.AppendLine($"usage {u.PromptTokens}|{u.CompletionTokens}|{u.TotalTokens}|{u.CachedTokens}|{u.CacheWriteTokens}|{u.ReasoningTokens}|{u.Cost}|{u.IsByok}");
        }

        return sb.ToString();
    }
}
