using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// The chat client against real OpenRouter traffic (<c>../shared/captures</c>), replayed byte for byte by the emulator on a
/// loopback port, in the mode each response was recorded in. Expectations come from the bytes (<see cref="WireOracle"/>),
/// not from the client. The emulator's own answers for the same kinds of response are held to the same assertions.
/// </summary>
public sealed class RecordedTrafficContractTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "Hi")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("aisdk.anthropic_text_cached.sse")]
    [InlineData("aisdk.anthropic_thinking_stream.sse")]
    [InlineData("aisdk.err400_anthropic_raw.json")]
    [InlineData("aisdk.err400_stream_request.json")]
    [InlineData("aisdk.padded_json.json")]
    [InlineData("issue.openwebui_429_metadata.json")]
    [InlineData("pyd.cache_write_and_read.json")]
    [InlineData("pyd.choices_empty_usage_stream.sse")]
    [InlineData("pyd.err400_openai_raw.json")]
    [InlineData("pyd.err429_raw_text.json")]
    [InlineData("pyd.file_annotation.json")]
    [InlineData("pyd.gemini3_signature_only.json")]
    [InlineData("pyd.gpt5mini_summary_encrypted.json")]
    [InlineData("pyd.image_json.json")]
    [InlineData("pyd.image_model_tool_call.json")]
    [InlineData("pyd.image_stream.sse")]
    [InlineData("pyd.midstream_error.sse")]
    [InlineData("pyd.o3_encrypted_stream.sse")]
    [InlineData("pyd.sonnet45_signature_stream.sse")]
    [InlineData("pyd.tool_no_arguments.json")]
    [InlineData("pyd.web_annotations_json.json")]
    [InlineData("pyd.web_annotations_stream.sse")]
    [InlineData("pyd.xai_encrypted_stream.sse")]
    [InlineData("reqllm.gemini_reasoning_tool_stream.sse")]
    [InlineData("ruby.err400_context_length.json")]
    [InlineData("ruby.err401.json")]
    [InlineData("ruby.gpt52_web_citations.json")]
    [InlineData("ruby.noarg_tool_stream.sse")]
    [InlineData("ruby.parallel_tools_json.json")]
    [InlineData("ruby.perplexity_citations.json")]
    [InlineData("ruby.thinking_tool_json.json")]
    [InlineData("ruby.thinking_tool_stream.sse")]
    [InlineData("ruby.three_calls_same_name.json")]
    public async Task Client_RecordedResponse_GivesWhatItsBytesSay(string file)
    {
        RecordedCapture capture = RecordedCaptures.Load(file);

        await AssertHoldsToItsBytesAsync(capture.Text, capture.ContentType, capture.Status, capture.Streaming);
    }

    [Fact]
    public void Manifest_EveryCapture_HasAContractTestCase()
    {
        IEnumerable<string> listed = typeof(RecordedTrafficContractTests).GetMethod(nameof(Client_RecordedResponse_GivesWhatItsBytesSay))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (string)a.Data[0]!);

        Assert.Equal(RecordedCaptures.ManifestFiles().Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("aisdk.anthropic_text_cached.sse")]
    [InlineData("aisdk.anthropic_thinking_stream.sse")]
    [InlineData("pyd.choices_empty_usage_stream.sse")]
    [InlineData("pyd.image_stream.sse")]
    [InlineData("pyd.o3_encrypted_stream.sse")]
    [InlineData("pyd.sonnet45_signature_stream.sse")]
    [InlineData("pyd.web_annotations_stream.sse")]
    [InlineData("pyd.xai_encrypted_stream.sse")]
    [InlineData("reqllm.gemini_reasoning_tool_stream.sse")]
    [InlineData("ruby.noarg_tool_stream.sse")]
    [InlineData("ruby.thinking_tool_stream.sse")]
    public async Task ToChatResponseAsync_RecordedStream_EqualsJsonPathOfTheSameContent(string file)
    {
        // The same content as a JSON answer: the stream folded into the chat.completion it stands for.
        RecordedCapture capture = RecordedCaptures.Load(file);
        string json = WireOracle.Fold(WireOracle.Chunks(capture.Text)).ToJsonString();

        Outcome streamed = await RunAsync(capture.Text, "text/event-stream", 200, streaming: true);
        Outcome direct = await RunAsync(json, "application/json", 200, streaming: false);

        Assert.Equal(SeenByUser.Show(SeenByUser.Of(direct.Response!)), SeenByUser.Show(SeenByUser.Of(streamed.Response!)));
    }

    [Fact]
    public async Task Client_PerplexityCitations_AllTenReachTheAnsweredText()
    {
        RecordedCapture capture = RecordedCaptures.Load("ruby.perplexity_citations.json");

        ChatResponse response = (await RunAsync(capture.Text, capture.ContentType, 200, streaming: false)).Response!;

        TextContent text = Assert.Single(response.Messages[0].Contents.OfType<TextContent>());
        Assert.Equal(10, text.Annotations!.Count);
        CitationAnnotation first = Assert.IsType<CitationAnnotation>(text.Annotations[0]);
        Assert.Equal(new Uri("https://en.wikipedia.org/wiki/Ruby_(programming_language)"), first.Url);
        Assert.Equal("Ruby (programming language) - Wikipedia", first.Title);
        Assert.Null(first.AnnotatedRegions); // start_index = end_index = 0: the position is unknown
    }

    [Fact]
    public async Task Client_Gpt52WebCitations_SummaryOnlyReasoningAndTheCitedSpanArrive()
    {
        RecordedCapture capture = RecordedCaptures.Load("ruby.gpt52_web_citations.json");

        ChatResponse response = (await RunAsync(capture.Text, capture.ContentType, 200, streaming: false)).Response!;

        TextReasoningContent reasoning = Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>());
        Assert.Equal(1276, reasoning.Text.Length);
        Assert.StartsWith("**Finding Ruby version**", reasoning.Text, StringComparison.Ordinal);
        Assert.Equal(7, JsonDocument.Parse(reasoning.ProtectedData!).RootElement.GetArrayLength());
        CitationAnnotation citation = Assert.IsType<CitationAnnotation>(Assert.Single(response.Messages[0].Contents.OfType<TextContent>().Single().Annotations!));
        TextSpanAnnotatedRegion span = Assert.IsType<TextSpanAnnotatedRegion>(Assert.Single(citation.AnnotatedRegions!));
        Assert.Equal((50, 108), (span.StartIndex, span.EndIndex));
        Assert.Equal(3, response.Usage!.AdditionalCounts![OpenRouterUsageCounts.WebSearchRequests]);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_RecordedMidstreamError_DeliversUsageBeforeTheException()
    {
        RecordedCapture capture = RecordedCaptures.Load("pyd.midstream_error.sse");

        Outcome outcome = await RunAsync(capture.Text, capture.ContentType, 200, streaming: true);

        Assert.NotNull(outcome.Error);
        Assert.Equal("400", outcome.Error.ErrorCode);
        Assert.Contains("Token limit reached", outcome.Error.Message, StringComparison.Ordinal);
        UsageContent usage = Assert.Single(outcome.Updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal((43L, 10L, 53L, 11L), (usage.Details.InputTokenCount, usage.Details.OutputTokenCount, usage.Details.TotalTokenCount, usage.Details.ReasoningTokenCount));
        Assert.Equal(0m, outcome.Updates[^1].GetOpenRouterCost());
    }

    [Fact]
    public async Task Client_RecordedImage_IsPngBytesInBothModes()
    {
        RecordedCapture json = RecordedCaptures.Load("pyd.image_json.json");
        RecordedCapture stream = RecordedCaptures.Load("pyd.image_stream.sse");

        DataContent fromJson = Assert.Single((await RunAsync(json.Text, json.ContentType, 200, streaming: false)).Response!.Messages[0].Contents.OfType<DataContent>());
        DataContent fromStream = Assert.Single((await RunAsync(stream.Text, stream.ContentType, 200, streaming: true)).Response!.Messages[0].Contents.OfType<DataContent>());

        foreach (DataContent image in new[] { fromJson, fromStream })
        {
            Assert.Equal("image/png", image.MediaType);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, image.Data[..4].ToArray());
        }
    }

    [Fact]
    public async Task Client_RecordedSummaryAndEncryptedAtOneIndex_KeepsBothItems()
    {
        RecordedCapture capture = RecordedCaptures.Load("pyd.gpt5mini_summary_encrypted.json");

        ChatResponse response = (await RunAsync(capture.Text, capture.ContentType, 200, streaming: false)).Response!;

        TextReasoningContent reasoning = Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>());
        JsonElement[] details = [.. JsonDocument.Parse(reasoning.ProtectedData!).RootElement.EnumerateArray()];
        Assert.Equal(["reasoning.summary", "reasoning.encrypted"], details.Select(d => d.GetProperty("type").GetString()));
        Assert.Equal("rs_0e67143e70e2c03a01690231c4b7c08195b5bfcc5c216e88b2", details[1].GetProperty("id").GetString());
        Assert.Equal(5412, details[1].GetProperty("data").GetString()!.Length);
    }

    [Theory]
    [InlineData("text", false)]
    [InlineData("text", true)]
    [InlineData("reasoning", false)]
    [InlineData("reasoning", true)]
    [InlineData("summary", false)]
    [InlineData("summary", true)]
    [InlineData("encrypted_tool_call", false)]
    [InlineData("encrypted_tool_call", true)]
    [InlineData("citations", false)]
    [InlineData("citations", true)]
    [InlineData("images", false)]
    [InlineData("images", true)]
    [InlineData("usage_on_error", true)]
    public async Task Emulator_KindOfResponse_HoldsToTheSameContract(string kind, bool streaming)
    {
        EmulatorCompletion answer = kind switch
        {
            "text" => EmulatorResponse.Text("Paris is the capital of France."),
            "reasoning" => EmulatorResponse.TextWithReasoning("The user asks for a capital.", "Paris."),
            "summary" => EmulatorResponse.Text("Paris.").WithReasoningSummary("**Finding the capital**", "**Answering briefly**"),
            "encrypted_tool_call" => EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", "call_1")
                .WithReasoning(null, EmulatorReasoningDetail.FromEncrypted("gAAAA-opaque", id: "rs_1", format: "openai-responses-v1", index: 0)),
            "citations" => EmulatorResponse.Text("Ruby 4.0.6 is the latest.").WithCitations(
                new EmulatorCitation("https://www.ruby-lang.org/en/downloads/", "Download Ruby", "The current stable version is 4.0.6.", 0, 10),
                new EmulatorCitation("https://en.wikipedia.org/wiki/Ruby", "Ruby")),
            "images" => EmulatorResponse.Text("Here is a cat.").WithImages(EmulatorImage.FromBytes([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])),
            "usage_on_error" => EmulatorResponse.Text("Partial answer").WithStreamError("400", "Token limit reached").WithUsageOnErrorChunk(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        // The emulator's bytes for this kind, then the same assertions as for recorded traffic.
        (string body, string contentType, int status) = await FetchAsync(answer, streaming);
        JsonObject expected = await AssertHoldsToItsBytesAsync(body, contentType, status, streaming);

        switch (kind)
        {
            case "summary":
                Assert.Equal("**Finding the capital****Answering briefly**", (string?)expected["reasoning"]);
                Assert.DoesNotContain("\"reasoning\":\"", body, StringComparison.Ordinal);
                break;
            case "encrypted_tool_call":
                Assert.Contains("rs_1", expected["reasoning_details"]!.ToJsonString(), StringComparison.Ordinal);
                Assert.Single(expected["tool_calls"]!.AsArray());
                break;
            case "citations":
                Assert.Equal(2, expected["annotations"]!.AsArray().Count);
                break;
            case "images":
                Assert.Equal(7, (int)Assert.Single(expected["images"]!.AsArray())!["bytes"]!);
                break;
            case "usage_on_error":
                Assert.NotNull(expected["usage"]);
                break;
        }
    }

    /// <summary>Runs a body through the client and asserts what the user sees against the bytes; returns the expectation.</summary>
    private static async Task<JsonObject> AssertHoldsToItsBytesAsync(string body, string contentType, int status, bool streaming)
    {
        Outcome outcome = await RunAsync(body, contentType, status, streaming);
        if (status != 200)
        {
            AssertErrorFromBytes(JsonNode.Parse(body)!["error"]!.AsObject(), status, outcome.Error);
            return [];
        }

        JsonObject completion;
        if (streaming)
        {
            completion = WireOracle.Fold(WireOracle.Chunks(body));
            Assert.All(outcome.Updates, u =>
            {
                Assert.NotNull(u.RawRepresentation);
                Assert.Equal((string?)completion["id"], u.MessageId);
            });
        }
        else
        {
            completion = JsonNode.Parse(body)!.AsObject();
        }

        if (completion["error"] is JsonObject inBand)
        {
            AssertErrorFromBytes(inBand, status: null, outcome.Error);
            completion.Remove("error");

            // finish_reason "error" is the exception, not a finish reason the user sees; an earlier one stays.
            if ((string?)completion["choices"]![0]!["finish_reason"] == "error")
            {
                completion["choices"]![0]!["finish_reason"] = null;
            }
        }
        else
        {
            Assert.Null(outcome.Error);
        }

        JsonObject expected = WireOracle.Expect(completion);
        Assert.Equal(SeenByUser.Show(expected), SeenByUser.Show(SeenByUser.Of(outcome.Response!)));
        return expected;
    }

    private static void AssertErrorFromBytes(JsonObject error, int? status, OpenRouterException? actual)
    {
        Assert.NotNull(actual);
        JsonNode? code = error["code"];
        JsonObject? metadata = error["metadata"] as JsonObject;
        string message = (string)error["message"]!;
        Assert.Equal(code?.GetValueKind() == JsonValueKind.Number ? code.ToJsonString() : (string?)code, actual.ErrorCode);
        if (status is { } httpStatus)
        {
            Assert.Equal((HttpStatusCode)httpStatus, actual.StatusCode);
            Assert.StartsWith($"OpenRouter error {httpStatus}", actual.Message, StringComparison.Ordinal);
        }

        Assert.Contains(message, actual.Message, StringComparison.Ordinal);
        string? provider = metadata?["provider_name"] is JsonValue p && p.GetValueKind() == JsonValueKind.String ? (string?)p : null;
        Assert.Equal(provider, actual.ProviderName);
        if (provider is not null)
        {
            Assert.Contains($"[provider: {provider}]", actual.Message, StringComparison.Ordinal);
        }

        switch (metadata?["raw"])
        {
            case null:
                Assert.Null(actual.ProviderRawError);
                break;
            case JsonValue raw when raw.GetValueKind() == JsonValueKind.String && TryParse((string)raw!) is { } document:
                Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(actual.ProviderRawError!)), actual.ProviderRawError);
                break;
            case JsonValue raw when raw.GetValueKind() == JsonValueKind.String:
                Assert.Equal((string)raw!, actual.ProviderRawError);
                break;
            case JsonNode raw:
                Assert.True(JsonNode.DeepEquals(raw, JsonNode.Parse(actual.ProviderRawError!)), actual.ProviderRawError);
                break;
        }

        static JsonNode? TryParse(string text)
        {
            try
            {
                return text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Serves <paramref name="body"/> byte for byte from the emulator and calls the client in the given mode.</summary>
    private static async Task<Outcome> RunAsync(string body, string contentType, int status, bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(contentType.StartsWith("text/event-stream", StringComparison.Ordinal)
            ? EmulatorResponse.Sse(body)
            : EmulatorResponse.Json(body, status));
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-contract", DefaultModelId = "openai/gpt-4o" });

        var updates = new List<ChatResponseUpdate>();
        try
        {
            if (!streaming)
            {
                return new Outcome(await client.GetResponseAsync(Prompt, cancellationToken: Ct), updates, null);
            }

            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Prompt, cancellationToken: Ct))
            {
                updates.Add(update);
            }

            return new Outcome(updates.ToChatResponse(), updates, null);
        }
        catch (OpenRouterException ex)
        {
            return new Outcome(streaming ? updates.ToChatResponse() : null, updates, ex);
        }
    }

    /// <summary>The emulator's answer as bytes on the wire, fetched with a plain <see cref="HttpClient"/>.</summary>
    private static async Task<(string Body, string ContentType, int Status)> FetchAsync(EmulatorResponse answer, bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(answer);
        using HttpClient http = emulator.CreateHttpClient();
        string request = $$"""{"model":"openai/gpt-4o","stream":{{(streaming ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""";
        using HttpResponseMessage response = await http.PostAsync("chat/completions", new StringContent(request, Encoding.UTF8, "application/json"), Ct);
        return (await response.Content.ReadAsStringAsync(Ct), response.Content.Headers.ContentType!.MediaType!, (int)response.StatusCode);
    }

    private sealed record Outcome(ChatResponse? Response, List<ChatResponseUpdate> Updates, OpenRouterException? Error);
}
