using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

public sealed class OpenRouterServiceCollectionExtensionsTests
{
    [Fact]
    public void AddOpenRouterChatClient_Action_ResolvesOpenRouterChatClientWithOptions()
    {
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = "test-key";
            o.DefaultModelId = "openai/gpt-4o";
            o.Endpoint = new Uri("http://127.0.0.1:5000/api/v1/");
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<OpenRouterChatClient>());
        ChatClientMetadata metadata = client.GetRequiredService<ChatClientMetadata>();
        Assert.Equal("openai/gpt-4o", metadata.DefaultModelId);
        Assert.Equal(new Uri("http://127.0.0.1:5000/api/v1/"), metadata.ProviderUri);
    }

    [Fact]
    public void AddOpenRouterChatClient_Always_RegistersMemoryCacheAndHttpClientFactory()
    {
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(o => o.ApiKey = "test-key");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<IMemoryCache>());
        Assert.NotNull(provider.GetService<IHttpClientFactory>());
    }

    [Fact]
    public async Task AddOpenRouterHttpClient_KeyedCalledTwice_IsTheNamedClientWithTheResilienceDefaults()
    {
        var handler = new RecordingHandler().RespondError(System.Net.HttpStatusCode.ServiceUnavailable).RespondJson(RecordingHandler.CompletionJson);
        var services = new ServiceCollection();
        services.AddOpenRouterHttpClient("sk");
        services.AddOpenRouterHttpClient("sk").ConfigurePrimaryHttpMessageHandler(() => handler);
        services.Configure<Microsoft.Extensions.Http.Resilience.HttpStandardResilienceOptions>("OpenRouter:sk-standard", o => o.Retry.Delay = TimeSpan.Zero);
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpenRouterServiceCollectionExtensions.GetHttpClientName("sk"));

        using HttpResponseMessage response = await http.GetAsync(new Uri("https://openrouter.test/api/v1/models"), TestContext.Current.CancellationToken);

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Count); // the 503 was retried once by the one resilience handler
    }

    [Fact]
    public async Task AddOpenRouterChatClient_RestClient_SharesOptionsAndNamedHttpClient()
    {
        await using OpenRouter.Testing.OpenRouterEmulator emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = "test-key";
            o.Endpoint = emulator.Endpoint;
        });
        services.AddKeyedOpenRouterChatClient("other", o => o.ApiKey = "other-key");
        using ServiceProvider provider = services.BuildServiceProvider();

        OpenRouterClient client = provider.GetRequiredService<OpenRouterClient>();
        IReadOnlyList<OpenRouterModel> models = await client.Models.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(models);
        Assert.Equal("/api/v1/models", emulator.Requests.Single().Path);
        Assert.NotSame(client, provider.GetRequiredKeyedService<OpenRouterClient>("other"));
    }

    [Fact]
    public async Task AddOpenRouterChatClient_CapabilityCheckStrictFromConfiguration_UsesCatalogBeforeSending()
    {
        await using OpenRouter.Testing.OpenRouterEmulator emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenRouter:ApiKey"] = "test-key",
            ["OpenRouter:Endpoint"] = emulator.Endpoint.ToString(),
            ["OpenRouter:DefaultModelId"] = "google/gemma-3-27b-it",
            ["OpenRouter:CapabilityCheck"] = "Strict",
        }).Build();
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(configuration.GetSection("OpenRouter"));
        using ServiceProvider provider = services.BuildServiceProvider();
        IChatClient client = provider.GetRequiredService<IChatClient>();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "x", "tool")] };

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync("hi", options, TestContext.Current.CancellationToken));

        Assert.Contains("google/gemma-3-27b-it", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["/api/v1/models"], emulator.Requests.Select(r => r.Path));
        Assert.NotNull(provider.GetRequiredService<OpenRouterModelCatalog>());
    }

    [Fact]
    public void AddOpenRouterChatClient_ReturnedBuilder_AddsMiddlewareAroundOpenRouterClient()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenRouterChatClient(o => o.ApiKey = "test-key").UseFunctionInvocation().UseLogging();
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient client = provider.GetRequiredService<IChatClient>();

        Assert.IsType<FunctionInvokingChatClient>(client);
        Assert.NotNull(client.GetService<OpenRouterChatClient>());
    }

    [Fact]
    public void AddOpenRouterChatClient_ConfigurationSection_BindsEveryOption()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenRouter:ApiKey"] = "test-key",
            ["OpenRouter:Endpoint"] = "https://example.test/api/v1/",
            ["OpenRouter:DefaultModelId"] = "anthropic/claude-sonnet-4",
            ["OpenRouter:AppUrl"] = "https://app.example",
            ["OpenRouter:AppTitle"] = "My App",
            ["OpenRouter:StreamIdleTimeout"] = "00:00:30",
            ["OpenRouter:AllowInsecureHttp"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(configuration.GetSection("OpenRouter"));
        using ServiceProvider provider = services.BuildServiceProvider();

        OpenRouterClientOptions options = provider.GetRequiredService<IOptions<OpenRouterClientOptions>>().Value;

        Assert.Equal("test-key", options.ApiKey);
        Assert.Equal(new Uri("https://example.test/api/v1/"), options.Endpoint);
        Assert.Equal("anthropic/claude-sonnet-4", options.DefaultModelId);
        Assert.Equal("https://app.example", options.AppUrl);
        Assert.Equal("My App", options.AppTitle);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StreamIdleTimeout);
        Assert.True(options.AllowInsecureHttp);
    }

    [Fact]
    public void AddKeyedOpenRouterChatClient_TwoKeys_EachUsesItsOwnOptions()
    {
        var services = new ServiceCollection();
        services.AddKeyedOpenRouterChatClient("fast", o => { o.ApiKey = "k1"; o.DefaultModelId = "openai/gpt-4o-mini"; });
        services.AddKeyedOpenRouterChatClient("smart", o => { o.ApiKey = "k2"; o.DefaultModelId = "anthropic/claude-opus-4"; });
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient fast = provider.GetRequiredKeyedService<IChatClient>("fast");
        IChatClient smart = provider.GetRequiredKeyedService<IChatClient>("smart");

        Assert.Equal("openai/gpt-4o-mini", fast.GetRequiredService<ChatClientMetadata>().DefaultModelId);
        Assert.Equal("anthropic/claude-opus-4", smart.GetRequiredService<ChatClientMetadata>().DefaultModelId);
        Assert.Null(provider.GetService<IChatClient>());
        Assert.Equal("OpenRouter:fast", OpenRouterServiceCollectionExtensions.GetHttpClientName("fast"));
    }

    [Fact]
    public void HostAddOpenRouterChatClient_DefaultSection_BindsOpenRouterKeys()
    {
        HostApplicationBuilder builder = CreateHostBuilder(new()
        {
            ["OpenRouter:ApiKey"] = "test-key",
            ["OpenRouter:DefaultModelId"] = "openai/gpt-4o",
            ["OpenRouter:AppTitle"] = "Title",
        });
        builder.AddOpenRouterChatClient();
        using IHost host = builder.Build();

        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        OpenRouterClientOptions options = host.Services.GetRequiredService<IOptions<OpenRouterClientOptions>>().Value;

        Assert.Equal("openai/gpt-4o", client.GetRequiredService<ChatClientMetadata>().DefaultModelId);
        Assert.Equal("Title", options.AppTitle);
    }

    [Fact]
    public void HostAddOpenRouterChatClient_KeyOnlyInOpenRouterApiKeyVariable_FallsBackToIt()
    {
        HostApplicationBuilder builder = CreateHostBuilder(new() { ["OPENROUTER_API_KEY"] = "from-variable" });
        builder.AddOpenRouterChatClient();
        using IHost host = builder.Build();

        Assert.Equal("from-variable", host.Services.GetRequiredService<IOptions<OpenRouterClientOptions>>().Value.ApiKey);
    }

    [Fact]
    public void HostAddOpenRouterChatClient_ConfiguredKey_WinsOverVariable()
    {
        HostApplicationBuilder builder = CreateHostBuilder(new() { ["OPENROUTER_API_KEY"] = "from-variable", ["OpenRouter:ApiKey"] = "from-section" });
        builder.AddOpenRouterChatClient();
        using IHost host = builder.Build();

        Assert.Equal("from-section", host.Services.GetRequiredService<IOptions<OpenRouterClientOptions>>().Value.ApiKey);
    }

    [Theory]
    [InlineData("http://openrouter.example/api/v1/", "must be an absolute https address")]
    [InlineData("https://openrouter.ai/", "without the API path")]
    public async Task HostStart_BadEndpoint_FailsAtStartWithWhatToSet(string endpoint, string expected)
    {
        HostApplicationBuilder builder = CreateHostBuilder(new() { ["OpenRouter:ApiKey"] = "sk-or-test", ["OpenRouter:Endpoint"] = endpoint });
        builder.AddOpenRouterChatClient();
        using IHost host = builder.Build();

        OptionsValidationException ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("OpenRouterClientOptions.Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_MissingApiKey_StartsAndTheFirstCallFailsBeforeSendingInOneLine()
    {
        // OPENROUTER_API_KEY is never set in the test process (tests/Shared/TestEnvironment.cs). As for a client constructed
        // directly, a missing key is not a start-up failure (a loopback endpoint needs none): the first call that needs one fails.
        var handler = new RecordingHandler();
        HostApplicationBuilder builder = CreateHostBuilder(new() { ["OpenRouter:DefaultModelId"] = "openai/gpt-4o" });
        builder.AddOpenRouterChatClient(configureHttpClient: http => http.ConfigurePrimaryHttpMessageHandler(() => handler));
        using IHost host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(
            () => host.Services.GetRequiredService<IChatClient>().GetResponseAsync("Hi", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(
            "No OpenRouter API key is set, so nothing was sent to https://openrouter.ai. Set the environment variable OPENROUTER_API_KEY " +
            "(or the ApiKey option: OpenRouter:ApiKey in configuration), or point OPENROUTER_BASE_URL at the OpenRouter emulator to run offline.",
            ex.Message);
        Assert.Empty(handler.Requests);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void HostAddKeyedOpenRouterChatClient_DefaultSection_IsOpenRouterColonKey()
    {
        HostApplicationBuilder builder = CreateHostBuilder(new()
        {
            ["OpenRouter:fast:ApiKey"] = "k",
            ["OpenRouter:fast:DefaultModelId"] = "openai/gpt-4o-mini",
        });
        builder.AddKeyedOpenRouterChatClient("fast");
        using IHost host = builder.Build();

        IChatClient client = host.Services.GetRequiredKeyedService<IChatClient>("fast");

        Assert.Equal("openai/gpt-4o-mini", client.GetRequiredService<ChatClientMetadata>().DefaultModelId);
    }

    private static HostApplicationBuilder CreateHostBuilder(Dictionary<string, string?> values)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }
}
