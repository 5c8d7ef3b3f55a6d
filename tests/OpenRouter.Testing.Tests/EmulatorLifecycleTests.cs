using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static OpenRouter.Testing.Tests.TestHelpers;

namespace OpenRouter.Testing.Tests;

public sealed class EmulatorLifecycleTests
{
    [Fact]
    public async Task StartAsync_Default_ListensOnLoopbackWithApiV1Endpoint()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", emulator.Endpoint.Host);
        Assert.NotEqual(0, emulator.Endpoint.Port);
        Assert.EndsWith("/api/v1/", emulator.Endpoint.AbsolutePath, StringComparison.Ordinal);
        using HttpClient http = emulator.CreateHttpClient();
        using HttpResponseMessage response = await http.GetAsync("models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_AfterStart_StopsServer()
    {
        var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        Uri endpoint = emulator.Endpoint;

        await emulator.DisposeAsync();

        using var http = new HttpClient { BaseAddress = endpoint };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("models", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DisposeAsync_DuringStalledStream_StopsQuicklyAndClientReadFails()
    {
        var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("never finished").StallBefore(2, TimeSpan.FromMinutes(5)));
        using HttpClient http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions") { Content = Json(ChatRequest("Hi", stream: true)) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Task<string> read = response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await emulator.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"dispose took {stopwatch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => read);
    }

    [Fact]
    public async Task Requests_WithBearerKey_RecordsRedactedAuthorizationAndBody()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient("sk-or-v1-sentinel-secret");
        http.DefaultRequestHeaders.Add("X-Title", "emulator tests");

        using var response = await http.PostAsync("chat/completions?trace=1", Json(ChatRequest("Hi")), TestContext.Current.CancellationToken);

        RecordedRequest request = Assert.Single(emulator.Requests);
        Assert.Equal("Bearer ***", request.GetHeader("authorization"));
        Assert.DoesNotContain(request.Headers.Values, v => v.Contains("sentinel", StringComparison.Ordinal));
        Assert.Equal("emulator tests", request.Headers["X-Title"]);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/chat/completions", request.Path);
        Assert.Equal("?trace=1", request.QueryString);
        Assert.Equal("Hi", request.BodyAsJsonNode()!["messages"]![0]!["content"]!.GetValue<string>());
        using var document = request.BodyAsJsonDocument();
        Assert.Equal("openai/gpt-4o", document.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task RequireApiKey_MissingAuthorization_Returns401JsonError()
    {
        await using var emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { RequireApiKey = true }, TestContext.Current.CancellationToken);
        emulator.Enqueue(EmulatorResponse.Text("should stay queued"));
        using HttpClient anonymous = emulator.CreateHttpClient(apiKey: null);

        using var response = await anonymous.PostAsync("chat/completions", Json(ChatRequest("Hi")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(401, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal(1, emulator.PendingResponses);

        using HttpClient authorized = emulator.CreateHttpClient("any-key");
        JsonObject ok = await PostJsonAsync(authorized, ChatRequest("Hi"));
        Assert.Equal("should stay queued", ok["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiKey_WrongKey_Returns401()
    {
        await using var emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { ApiKey = "right" }, TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient("wrong");

        using var response = await http.GetAsync("models", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Handler_QueueEmpty_AnswersWithHandlerResponseThenQueueTakesPrecedence()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        emulator.Handler = request => request.Body.Contains("ping", StringComparison.Ordinal) ? EmulatorResponse.Text("pong") : null;
        using HttpClient http = emulator.CreateHttpClient();

        JsonObject fromHandler = await PostJsonAsync(http, ChatRequest("ping"));
        JsonObject fromDemo = await PostJsonAsync(http, ChatRequest("other"));
        emulator.Enqueue(EmulatorResponse.Text("queued"));
        JsonObject fromQueue = await PostJsonAsync(http, ChatRequest("ping"));

        Assert.Equal("pong", fromHandler["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.StartsWith("[OpenRouter emulator]", fromDemo["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("queued", fromQueue["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_InvalidJsonBody_Returns400ErrorFromDemoScript()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        using var response = await http.PostAsync("chat/completions", new StringContent("{not json", null, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(400, body["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChatCompletions_MalformedToolCallId_Returns400InsteadOfCrashing()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        JsonObject request = ChatRequest("Hi");
        request["messages"]!.AsArray().Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = 42, ["content"] = "x" });

        using var response = await http.PostAsync("chat/completions", Json(request), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("emulator", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_HundredsOfConcurrentStreams_AllCompleteAndAreRecorded()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        const int count = 300;

        string[] bodies = await Task.WhenAll(Enumerable.Range(0, count).Select(i => PostStreamAsync(http, ChatRequest($"message number {i}", stream: true))));

        Assert.All(bodies, body => Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal));
        for (int i = 0; i < count; i++)
        {
            string content = string.Concat(DataChunks(bodies[i]).Select(c => c["choices"] is JsonArray { Count: > 0 } ch ? ch[0]!["delta"]!["content"]?.GetValue<string>() : null));
            Assert.Equal($"[OpenRouter emulator] You said: message number {i}", content);
        }

        Assert.Equal(count, emulator.Requests.Count);
        Assert.Equal(count, emulator.Requests.Select(r => r.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Reset_AfterTraffic_ClearsQueueAndRequests()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();
        await PostJsonAsync(http, ChatRequest("Hi"));
        emulator.Enqueue(EmulatorResponse.Text("x"));

        emulator.Reset();

        Assert.Empty(emulator.Requests);
        Assert.Null(emulator.LastRequest);
        Assert.Equal(0, emulator.PendingResponses);
    }
}
