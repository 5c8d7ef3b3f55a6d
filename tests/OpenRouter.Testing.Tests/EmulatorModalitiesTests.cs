using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

/// <summary>The emulator's /embeddings, /images and web-search answers, checked on the wire (raw JSON and SSE).</summary>
public sealed class EmulatorModalitiesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Embeddings_FloatAndBase64_ReturnTheSameUnitVectorsInInputOrderWithUsageAndCost()
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();
        string[] inputs = ["red apples and green pears", "a fast car"];

        JsonObject floats = await PostAsync(http, "embeddings", new JsonObject { ["model"] = "openai/text-embedding-3-small", ["input"] = new JsonArray("red apples and green pears", "a fast car") });
        JsonObject base64 = await PostAsync(http, "embeddings", new JsonObject { ["model"] = "openai/text-embedding-3-small", ["input"] = new JsonArray("red apples and green pears", "a fast car"), ["encoding_format"] = "base64" });

        Assert.Equal("list", floats["object"]!.GetValue<string>());
        Assert.Equal("openai/text-embedding-3-small", floats["model"]!.GetValue<string>());
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(i, floats["data"]![i]!["index"]!.GetValue<int>());
            float[] fromFloats = [.. floats["data"]![i]!["embedding"]!.AsArray().Select(x => x!.GetValue<float>())];
            float[] fromBase64 = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64["data"]![i]!["embedding"]!.GetValue<string>())).ToArray();
            Assert.Equal(EmulatorEmbeddings.DefaultDimensions, fromFloats.Length);
            Assert.Equal(fromFloats, fromBase64);
            Assert.Equal(1.0, Math.Sqrt(fromFloats.Sum(x => (double)x * x)), 5);
        }

        // One token per word (5 + 3), at the default 0.000001 per token.
        Assert.Equal(8, floats["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(8, floats["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Equal(8 * 0.000001m, floats["usage"]!["cost"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Embeddings_Dimensions_AreHonouredAndSharedWordsScoreHigherThanUnrelatedText()
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject answer = await PostAsync(http, "embeddings", new JsonObject
        {
            ["model"] = "openai/text-embedding-3-small",
            ["dimensions"] = 64,
            ["input"] = new JsonArray("How do I reset my router password?", "Resetting the router password takes a paperclip.", "Bananas are rich in potassium."),
        });

        float[][] vectors = [.. answer["data"]!.AsArray().Select(d => d!["embedding"]!.AsArray().Select(x => x!.GetValue<float>()).ToArray())];
        Assert.All(vectors, v => Assert.Equal(64, v.Length));
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]));
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","input":[]}""")]
    [InlineData("""{"model":"m","input":["ok",""]}""")]
    [InlineData("""{"input":"x"}""")]
    [InlineData("""{"model":"m","input":"x","dimensions":0}""")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"int8"}""")]
    [InlineData("""not json""")]
    public async Task Embeddings_InvalidRequest_Answers400WithAnOpenRouterError(string body)
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        using HttpResponseMessage response = await http.PostAsync("embeddings", new StringContent(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonNode error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
        Assert.Equal(400, error["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Images_CountOfTwo_AnswersTwoValidPngsWithUsageAndCost()
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject answer = await PostAsync(http, "images", new JsonObject { ["model"] = "google/gemini-2.5-flash-image", ["prompt"] = "a lighthouse at dusk", ["n"] = 2 });

        Assert.True(answer["created"]!.GetValue<long>() > 1_600_000_000);
        JsonArray data = answer["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        byte[] png = Convert.FromBase64String(data[0]!["b64_json"]!.GetValue<string>());
        Assert.Equal("image/png", data[0]!["media_type"]!.GetValue<string>());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(8, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal("IEND"u8.ToArray(), png[^8..^4]);
        JsonNode usage = answer["usage"]!;
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
        Assert.True(usage["cost"]!.GetValue<decimal>() > 0);
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","prompt":"x","n":11}""")]
    public async Task Images_InvalidRequest_Answers400(string body)
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        using HttpResponseMessage response = await http.PostAsync("images", new StringContent(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WebSearch_JsonAnswer_MessageCarriesUrlCitationsPointingAtTheirMarkers()
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject answer = await PostJsonAsync(http, WithWebSearch(ChatRequest("latest dotnet release")));

        JsonNode message = answer["choices"]![0]!["message"]!;
        string content = message["content"]!.GetValue<string>();
        JsonArray annotations = message["annotations"]!.AsArray();
        Assert.Equal(2, annotations.Count);
        for (int i = 0; i < annotations.Count; i++)
        {
            Assert.Equal("url_citation", annotations[i]!["type"]!.GetValue<string>());
            JsonNode citation = annotations[i]!["url_citation"]!;
            Assert.StartsWith("https://", citation["url"]!.GetValue<string>(), StringComparison.Ordinal);
            int start = citation["start_index"]!.GetValue<int>();
            int end = citation["end_index"]!.GetValue<int>();
            Assert.Equal($"[{i + 1}]", content[start..end]);
        }

        Assert.Equal(1, answer["usage"]!["server_tool_use_details"]!["web_search_requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task WebSearch_StreamedAnswer_AnnotationsArriveOnDeltasBeforeTheContent()
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        List<JsonObject> chunks = DataChunks(await PostStreamAsync(http, WithWebSearch(ChatRequest("latest dotnet release", stream: true))));

        // The usage chunk has no choices.
        static JsonNode? Delta(JsonObject chunk) => chunk["choices"] is JsonArray { Count: > 0 } choices ? choices[0]!["delta"] : null;
        List<JsonNode> annotations = [.. chunks.SelectMany(c => Delta(c)?["annotations"]?.AsArray() ?? []).Select(a => a!)];
        Assert.Equal(2, annotations.Count);
        Assert.All(annotations, a => Assert.Equal("url_citation", a["type"]!.GetValue<string>()));
        int firstAnnotation = chunks.FindIndex(c => Delta(c)?["annotations"] is not null);
        int firstText = chunks.FindIndex(c => Delta(c)?["content"]?.GetValue<string>() is { Length: > 0 });
        Assert.True(firstAnnotation < firstText);
        string text = string.Concat(chunks.Select(c => Delta(c)?["content"]?.GetValue<string>()));
        Assert.Contains("[1]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSearch_Annotations_HaveTheMembersOfRecordedOpenRouterTraffic()
    {
        string? captures = FindCaptures();
        if (captures is null)
        {
            Assert.Skip("../shared/captures is not present beside the repository; the recorded web-search answer cannot be compared.");
        }

        JsonNode recorded = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(captures, "pyd.web_annotations_json.json"), Ct))!;
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject answer = await PostJsonAsync(http, WithWebSearch(ChatRequest("pydantic ai")));

        JsonNode ours = answer["choices"]![0]!["message"]!["annotations"]![0]!;
        JsonNode theirs = recorded["choices"]![0]!["message"]!["annotations"]![0]!;
        Assert.Equal(Members(theirs), Members(ours));
        Assert.Equal(Members(theirs["url_citation"]!), Members(ours["url_citation"]!));
    }

    [Fact]
    public async Task WebSearch_NextToAFittingFunctionTool_TheDemoToolCallStillWins()
    {
        await using var emulator = await TestEmulator.StartAsync(Ct);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = WithWebSearch(ChatRequest("What is the weather in Paris?"));
        request["tools"]!.AsArray().Insert(0, new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject
            {
                ["name"] = "get_weather",
                ["description"] = "Gets the weather for a city.",
                ["parameters"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } } },
            },
        });

        JsonObject answer = await PostJsonAsync(http, request);

        Assert.Equal("get_weather", answer["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Null(answer["choices"]![0]!["message"]!["annotations"]);
    }

    private static JsonObject WithWebSearch(JsonObject request)
    {
        request["tools"] = new JsonArray(new JsonObject { ["type"] = "openrouter:web_search", ["parameters"] = new JsonObject { ["max_results"] = 2 } });
        return request;
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, JsonNode body)
    {
        using HttpResponseMessage response = await http.PostAsync(path, Json(body), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Assert.IsType<JsonObject>(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static string[] Members(JsonNode node) => [.. node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    private static string? FindCaptures()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connectors.sln")))
            {
                string captures = Path.Combine(dir.FullName, "..", "shared", "captures");
                return Directory.Exists(captures) ? captures : null;
            }
        }

        return null;
    }
}
