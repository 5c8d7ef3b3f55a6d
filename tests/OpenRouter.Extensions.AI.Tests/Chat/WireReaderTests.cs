using System.Text;
using System.Text.Json;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>
/// The hand-read chunk types (<see cref="WireChatCompletion"/> and its parts): as strict about the JSON as the serializer,
/// as tolerant about the values as its converters, nothing unknown dropped.
/// </summary>
public sealed class WireReaderTests
{
    private static WireChatCompletion Read(string json, WireChatCompletion? previous = null) =>
        WireReader.Read(Encoding.UTF8.GetBytes(json), previous);

    [Theory]
    [InlineData("""{"id":"a"} {"id":"b"}""")]
    [InlineData("""{"id":"a"}]""")]
    [InlineData("""{"id":"a" """)]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("")]
    public void Read_NotExactlyOneObject_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));

    [Fact]
    public void Read_TrailingWhitespaceCommentsAndCommas_AreAccepted()
    {
        WireChatCompletion chunk = Read("""{"id":"a", /* note */ "model":"m",}  """ + "\n");

        Assert.Equal("a", chunk.Id);
        Assert.Equal("m", chunk.Model);
    }

    [Fact]
    public void Read_InvalidUtf8InAString_ThrowsJsonException()
    {
        byte[] json = [.. """{"id":"""u8, (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];

        Assert.ThrowsAny<JsonException>(() => WireReader.Read(json));
    }

    [Fact]
    public void Read_ValuesOfUnexpectedKinds_ReadAsUnknownAndKeepTheReaderInStep()
    {
        WireChatCompletion chunk = Read("""
            {"id":5,"created":"soon","choices":{"index":0},"usage":[1,2],
             "error":null,"model":"after-the-odd-ones",
             "provider":{"nested":{"deep":[1,{"x":2}]}}}
            """);

        Assert.Null(chunk.Id);
        Assert.Null(chunk.Created);
        Assert.Null(chunk.FirstChoice);
        Assert.Null(chunk.Usage);
        Assert.Equal(JsonValueKind.Undefined, chunk.Error.ValueKind);
        Assert.Equal("after-the-odd-ones", chunk.Model);
        Assert.Null(chunk.Provider);
    }

    [Fact]
    public void Read_DuplicateMember_LastOneWins()
    {
        WireChatCompletion chunk = Read("""{"model":"first","model":"second","x":1,"x":2}""");

        Assert.Equal("second", chunk.Model);
        Assert.Equal(2, chunk.ExtensionData!["x"].GetInt32());
    }

    [Fact]
    public void Read_UnknownMembers_AreKeptAsReceivedAndNullsAreLeftOut()
    {
        WireChatCompletion chunk = Read("""
            {"openrouter_metadata":{"region":"eu"},"future":null,
             "choices":[{"index":0,"logprobs":null,"choice_extra":[1],
                         "delta":{"content":"hi","delta_extra":"x","gone":null}}]}
            """);

        Assert.Equal(new[] { "openrouter_metadata" }, chunk.ExtensionData!.Keys);
        Assert.Equal("eu", chunk.ExtensionData["openrouter_metadata"].GetProperty("region").GetString());
        Assert.Equal(new[] { "choice_extra" }, chunk.FirstChoice!.ExtensionData!.Keys);
        Assert.Equal(new[] { "delta_extra" }, chunk.FirstChoice.Delta!.ExtensionData!.Keys);
        Assert.Equal("hi", chunk.FirstChoice.Delta.Content);
    }

    [Fact]
    public void Read_ChunkRepeatingThePreviousEnvelope_SharesIt()
    {
        const string Head = """{"id":"gen-1","object":"chat.completion.chunk","created":1732550000,"model":"m","provider":"P","system_fingerprint":"fp",""";
        WireChatCompletion first = Read(Head + """ "choices":[{"delta":{"content":"a"}}]}""");
        WireChatCompletion second = Read(Head + """ "choices":[{"delta":{"content":"b"}}]}""", first);
        WireChatCompletion changed = Read(Head.Replace("\"P\"", "\"Q\"", StringComparison.Ordinal) + """ "choices":[]}""", second);

        Assert.Same(first.Envelope, second.Envelope);
        Assert.Equal("b", second.FirstChoice!.Delta!.Content);
        Assert.NotSame(second.Envelope, changed.Envelope);
        Assert.Equal("Q", changed.Provider);
        Assert.Equal("gen-1", changed.Id);
        Assert.Equal("chat.completion.chunk", changed.Envelope.Object);
        Assert.Equal(1732550000, changed.Created);
        Assert.Null(changed.FirstChoice);
    }

    [Fact]
    public void Read_SeveralChoices_KeepsEveryOneInOrder()
    {
        WireChatCompletion completion = Read("""{"choices":[{"index":0},7,{"index":1},{"index":2}]}""");

        Assert.Equal(0, completion.FirstChoice!.Index);
        Assert.Equal(new[] { 1, 2 }, completion.MoreChoices!.Select(c => c.Index!.Value));
    }

    [Fact]
    public void Read_ContentParts_ConcatenateTheirTextParts()
    {
        WireChatCompletion completion = Read("""
            {"choices":[{"message":{"content":[{"type":"text","text":"Hello, "},{"type":"image_url","image_url":{"url":"x"}},
                                               {"text":"world","type":"text"}]}}]}
            """);

        Assert.Equal("Hello, world", completion.FirstChoice!.Message!.Content);
    }

    [Fact]
    public void Read_ToolCallArguments_AsStringOrObject_AreJsonText()
    {
        WireChatCompletion completion = Read("""
            {"choices":[{"message":{"tool_calls":[
              {"index":0,"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},
              {"index":1,"id":"c2","type":"function","function":{"name":"g","arguments":{"b":[true]}},"extra":1}]}}]}
            """);

        WireToolCall[] calls = completion.FirstChoice!.Message!.ToolCalls!;
        Assert.Equal("""{"a":1}""", calls[0].Function!.Arguments);
        Assert.Equal("""{"b":[true]}""", calls[1].Function!.Arguments);
        Assert.Equal(new[] { "extra" }, calls[1].ExtensionData!.Keys);
    }

    [Fact]
    public void Read_ToolCallArgumentsThatAreANumber_ThrowJsonException() =>
        Assert.ThrowsAny<JsonException>(() => Read("""{"choices":[{"delta":{"tool_calls":[{"function":{"arguments":42}}]}}]}"""));

    [Fact]
    public void ReasoningDetailsToJson_ReadItems_WritesTheirMembersBackWithTheUnknownOnes()
    {
        WireChatCompletion completion = Read("""
            {"choices":[{"message":{"reasoning_details":[
              {"index":0,"format":"anthropic-claude-v1","type":"reasoning.text","text":"Thinking é","signature":"sig","vendor":{"k":[1]}},
              {"type":"reasoning.encrypted","data":"AAAA","id":"r1"}]}}]}
            """);

        string json = ReasoningDetails.ToJson(completion.FirstChoice!.Message!.ReasoningDetails!);

        Assert.Equal(
            """[{"type":"reasoning.text","text":"Thinking \u00E9","signature":"sig","format":"anthropic-claude-v1","index":0,"vendor":{"k":[1]}},{"type":"reasoning.encrypted","data":"AAAA","id":"r1"}]""",
            json);
    }
}
