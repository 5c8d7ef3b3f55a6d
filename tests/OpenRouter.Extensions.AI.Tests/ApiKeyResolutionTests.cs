using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests;

/// <summary>Where the direct constructors take the API key from, and what happens without one.</summary>
public sealed class ApiKeyResolutionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_NoApiKeyToOpenRouter_FailsBeforeSendingNamingTheKeyAndTheEmulator()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { DefaultModelId = "openai/gpt-4o-mini" }, http);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("Hi", cancellationToken: Ct));

        Assert.Empty(handler.Requests);
        Assert.Null(ex.StatusCode);
        Assert.Equal(
            "No OpenRouter API key is set, so nothing was sent to https://openrouter.ai. Set the environment variable OPENROUTER_API_KEY " +
            "(or the ApiKey option: OpenRouter:ApiKey in configuration), or point OPENROUTER_BASE_URL at the OpenRouter emulator to run offline.",
            ex.Message);
    }

    [Fact]
    public async Task KeysAndStreaming_NoApiKeyToOpenRouter_FailBeforeSending()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        using var chat = new OpenRouterChatClient(new OpenRouterClientOptions { DefaultModelId = "openai/gpt-4o-mini" }, http);
        using var api = new OpenRouterClient(new OpenRouterClientOptions(), http);

        await Assert.ThrowsAsync<OpenRouterException>(async () => await chat.GetStreamingResponseAsync("Hi", cancellationToken: Ct).ToChatResponseAsync(Ct));
        await Assert.ThrowsAsync<OpenRouterException>(() => api.Keys.GetCurrentAsync(Ct));
        await Assert.ThrowsAsync<OpenRouterException>(() => api.Models.ListForUserAsync(Ct));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task PublicCalls_NoApiKey_AreSentWithoutAuthorization()
    {
        var handler = new RecordingHandler()
            .RespondJson("""{"data":[]}""")
            .RespondJson("""{"data":[]}""")
            .RespondJson("""{"key":"sk-or-v1-user","user_id":"user_1"}""");
        using var http = new HttpClient(handler);
        using var api = new OpenRouterClient(new OpenRouterClientOptions(), http);

        await api.Models.ListAsync(cancellationToken: Ct);
        await api.Providers.ListAsync(Ct);
        await api.Auth.ExchangeCodeAsync("code-1", "verifier", cancellationToken: Ct);

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.RawAuthorization, Assert.Null);
    }

    [Fact]
    public async Task GetResponseAsync_NoApiKeyToLoopback_IsSent()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, DefaultModelId = "openai/gpt-4o-mini" });

        ChatResponse response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

        Assert.NotEmpty(response.Text);
        Assert.Null(emulator.LastRequest!.GetHeader("Authorization"));
    }

    [Fact]
    public void ShortConstructor_KeyAndModel_TargetsOpenRouterWithDefaultModel()
    {
        using var client = new OpenRouterChatClient("sk-or-short", "openai/gpt-4o-mini");
        var metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal(OpenRouterClientOptions.DefaultEndpoint, metadata.ProviderUri);
        Assert.Equal("openai/gpt-4o-mini", metadata.DefaultModelId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ShortConstructors_BlankKey_ThrowNamingTheEnvironmentVariable(string? apiKey)
    {
        ArgumentException chat = Assert.ThrowsAny<ArgumentException>(() => new OpenRouterChatClient(apiKey!, "openai/gpt-4o-mini"));
        ArgumentException api = Assert.ThrowsAny<ArgumentException>(() => new OpenRouterClient(apiKey!));

        Assert.Equal("apiKey", chat.ParamName);
        Assert.Contains("'OPENROUTER_API_KEY'", chat.Message, StringComparison.Ordinal);
        Assert.Equal("apiKey", api.ParamName);
    }
}

/// <summary>Tests that set <c>OPENROUTER_API_KEY</c> or <c>OPENROUTER_BASE_URL</c>: they run alone, after the parallel tests, and restore them.</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;

[Collection(nameof(EnvironmentVariableCollection))]
public sealed class ApiKeyEnvironmentVariableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Constructor_NoApiKey_ReadsEnvironmentVariable()
    {
        string auth = await SendWithEnvironmentKey("sk-or-from-environment", new OpenRouterClientOptions { DefaultModelId = "openai/gpt-4o-mini" });

        Assert.Equal("Bearer sk-or-from-environment", auth);
    }

    [Fact]
    public async Task Constructor_ExplicitApiKey_WinsOverEnvironmentVariable()
    {
        string auth = await SendWithEnvironmentKey("sk-or-from-environment", new OpenRouterClientOptions { ApiKey = "sk-or-explicit", DefaultModelId = "openai/gpt-4o-mini" });

        Assert.Equal("Bearer sk-or-explicit", auth);
    }

    [Fact]
    public async Task Endpoint_NotSet_IsTheBaseUrlVariable_AndASetEndpointWins()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, emulator.Endpoint.ToString());
        try
        {
            var unset = new OpenRouterClientOptions { DefaultModelId = "openai/gpt-4o-mini" };
            var set = new OpenRouterClientOptions { Endpoint = new Uri("https://proxy.example/api/v1/") };
            using var client = new OpenRouterChatClient(unset);

            ChatResponse response = await client.GetResponseAsync("Hi", cancellationToken: Ct);

            Assert.Equal(emulator.Endpoint, unset.Endpoint);
            Assert.Equal(new Uri("https://proxy.example/api/v1/"), set.Endpoint);
            Assert.StartsWith("[OpenRouter emulator]", response.Text, StringComparison.Ordinal);
            Assert.Null(emulator.LastRequest!.GetHeader("Authorization")); // loopback: no key needed
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, null);
        }

        Assert.Equal(OpenRouterClientOptions.DefaultEndpoint, new OpenRouterClientOptions().Endpoint);
    }

    [Theory]
    [InlineData("127.0.0.1:5599/api/v1/")]
    [InlineData("ftp://127.0.0.1/api/v1/")]
    public void Endpoint_MalformedBaseUrlVariable_ThrowsNamingIt_ButToStringDoesNot(string value)
    {
        Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, value);
        try
        {
            var options = new OpenRouterClientOptions();

            InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => new OpenRouterChatClient(options));

            Assert.Contains("OPENROUTER_BASE_URL", ex.Message, StringComparison.Ordinal);
            Assert.Contains(value, ex.Message, StringComparison.Ordinal);
            Assert.Contains("(invalid OPENROUTER_BASE_URL)", options.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, null);
        }
    }

    private static async Task<string> SendWithEnvironmentKey(string environmentKey, OpenRouterClientOptions options)
    {
        Environment.SetEnvironmentVariable(TestEnvironment.ApiKeyVariable, environmentKey);
        try
        {
            var handler = new RecordingHandler().RespondJson("""{"id":"gen-1","model":"openai/gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""");
            using var http = new HttpClient(handler);
            using var client = new OpenRouterChatClient(options, http);
            await client.GetResponseAsync("Hi", cancellationToken: Ct);
            return handler.RawAuthorization.Single()!;
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestEnvironment.ApiKeyVariable, null);
        }
    }
}
