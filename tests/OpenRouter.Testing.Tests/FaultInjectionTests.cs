using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Error_RateLimited_CarriesStatusRetryAfterAndErrorBody()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        var metadata = new JsonObject { ["provider_name"] = "OpenAI", ["raw"] = "upstream said slow down" };
        emulator.Enqueue(EmulatorResponse.Error(429, "rate limited", code: 429, retryAfter: TimeSpan.FromSeconds(2), metadata: metadata));
        using HttpClient http = emulator.CreateHttpClient();

        using var response = await http.PostAsync("chat/completions", Json(ChatRequest("Hi", stream: true)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(429, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal("rate limited", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal("OpenAI", body["error"]!["metadata"]!["provider_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Error_With200Status_ReturnsErrorBodyWithSuccessStatus()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Error(200, "Provider returned error", code: 502));
        using HttpClient http = emulator.CreateHttpClient();

        using var response = await http.PostAsync("chat/completions", Json(ChatRequest("Hi")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(502, body["error"]!["code"]!.GetValue<int>());
        Assert.Null(body["choices"]);
    }

    [Fact]
    public async Task Raw_HtmlBadGateway_IsSentVerbatim()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Raw(502, "text/html", "<html>bad gateway</html>"));
        using HttpClient http = emulator.CreateHttpClient();

        using var response = await http.PostAsync("chat/completions", Json(ChatRequest("Hi")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html>bad gateway</html>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithStreamError_AfterDeltas_EmitsDocumentedInBandErrorChunkAndEnds()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("partial answer here").WithStreamError(afterContentDeltas: 2));
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        List<JsonObject> chunks = DataChunks(body);
        Assert.Equal("partial answer ", string.Concat(chunks.SkipLast(1).Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>())));
        JsonObject error = chunks[^1];
        Assert.Equal(["id", "object", "created", "model", "provider", "error", "choices"], error.Select(p => p.Key));
        Assert.Equal("server_error", error["error"]!["code"]!.GetValue<string>());
        Assert.Equal("Provider disconnected unexpectedly", error["error"]!["message"]!.GetValue<string>());
        Assert.Equal("error", error["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("", error["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithStreamError_EmptyChoices_ErrorChunkHasNoChoices()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("abc").WithStreamError("provider_error", "boom", emptyChoices: true));
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        JsonObject error = DataChunks(body)[^1];
        Assert.Empty(error["choices"]!.AsArray());
        Assert.Equal("provider_error", error["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AbortAfter_MidStream_ClientReadFails()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("one two three four five six").AbortAfter(3));
        using HttpClient http = emulator.CreateHttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = Json(ChatRequest("Hi", stream: true)) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        await Assert.ThrowsAnyAsync<IOException>(() => reader.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EndAfter_MidStream_EndsCleanlyWithoutFinishOrDone()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("one two three four five six").EndAfter(3));
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        Assert.Equal(3, Events(body).Count);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("finish_reason\":\"stop", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutDone_Stream_HasUsageButNoDone()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("ok").WithoutDone());
        using HttpClient http = emulator.CreateHttpClient();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        Assert.NotNull(DataChunks(body)[^1]["usage"]);
    }

    [Fact]
    public async Task StallBefore_Event_DelaysThatEvent()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("one two").StallBefore(2, TimeSpan.FromMilliseconds(400)));
        using HttpClient http = emulator.CreateHttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = Json(ChatRequest("Hi", stream: true)) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        string? firstData = null;
        while (firstData is null)
        {
            string? line = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
            Assert.NotNull(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                firstData = line;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        string rest = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(300), $"stall was only {stopwatch.Elapsed}");
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithEventDelay_Stream_TakesAtLeastDelayPerEvent()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.StreamedText("a", "b").WithEventDelay(TimeSpan.FromMilliseconds(60)));
        using HttpClient http = emulator.CreateHttpClient();
        var stopwatch = Stopwatch.StartNew();

        string body = await PostStreamAsync(http, ChatRequest("Hi", stream: true));

        int events = Events(body).Count;
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(60 * (events - 1) * 0.8), $"{events} events took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task WithDelay_BeforeHeaders_ClientTimeoutFires()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("late").WithDelay(TimeSpan.FromSeconds(10)));
        using HttpClient http = emulator.CreateHttpClient();
        http.Timeout = TimeSpan.FromMilliseconds(200);

        await Assert.ThrowsAsync<TaskCanceledException>(() => http.PostAsync("chat/completions", Json(ChatRequest("Hi")), TestContext.Current.CancellationToken));
    }
}
