using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

/// <summary>Aspire-style connection strings (<c>ConnectionStrings:{name}</c>) read by the host-builder registrations.</summary>
public sealed class ConnectionStringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddOpenRouterChatClient_OnlyAConnectionString_AnswersFromTheEmulator()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(new() { ApiKey = "sk-or-from-connection-string" }, Ct);
        HostApplicationBuilder builder = Builder(new()
        {
            ["ConnectionStrings:openrouter"] = $"Endpoint={emulator.Endpoint};Key=sk-or-from-connection-string;Model=openai/gpt-4o-mini",
        });
        builder.AddOpenRouterChatClient("openrouter");
        using IHost host = builder.Build();
        await host.StartAsync(Ct);

        ChatResponse response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("Hello", cancellationToken: Ct);

        Assert.StartsWith("[OpenRouter emulator]", response.Text, StringComparison.Ordinal);
        Assert.Equal("openai/gpt-4o-mini", emulator.LastRequest!.BodyAsJsonNode()!["model"]!.GetValue<string>());
        await host.StopAsync(Ct);
    }

    [Fact]
    public void AddOpenRouterChatClient_ConnectionStringAndSection_ConnectionStringWinsForTheKeysItHas()
    {
        HostApplicationBuilder builder = Builder(new()
        {
            ["openrouter:ApiKey"] = "sk-or-from-section",
            ["openrouter:Endpoint"] = "https://proxy.example/api/v1/",
            ["openrouter:DefaultModelId"] = "openai/gpt-4o",
            ["openrouter:AppTitle"] = "From the section",
            ["ConnectionStrings:openrouter"] = "Key='sk-or-from;connection-string';model=anthropic/claude-sonnet-4",
        });
        builder.AddOpenRouterChatClient("openrouter");
        using IHost host = builder.Build();

        OpenRouterClientOptions options = host.Services.GetRequiredService<IOptionsMonitor<OpenRouterClientOptions>>().Get(Options.DefaultName);

        Assert.Equal("sk-or-from;connection-string", options.ApiKey);
        Assert.Equal("anthropic/claude-sonnet-4", options.DefaultModelId);
        Assert.Equal(new Uri("https://proxy.example/api/v1/"), options.Endpoint);
        Assert.Equal("From the section", options.AppTitle);
    }

    [Fact]
    public void AddKeyedOpenRouterChatClient_ConnectionStringOfTheServiceKey_ReadsItsOwnName()
    {
        HostApplicationBuilder builder = Builder(new()
        {
            ["ConnectionStrings:openrouter"] = "Key=sk-or-default;Model=openai/gpt-4o",
            ["ConnectionStrings:fast"] = "Endpoint=https://openrouter.ai/api/v1;Key=sk-or-fast;Model=openai/gpt-4.1-nano",
            ["OpenRouter:fast:AppTitle"] = "Fast",
        });
        builder.AddKeyedOpenRouterChatClient("fast");
        using IHost host = builder.Build();

        OpenRouterClientOptions options = host.Services.GetRequiredService<IOptionsMonitor<OpenRouterClientOptions>>().Get("fast");

        Assert.Equal("sk-or-fast", options.ApiKey);
        Assert.Equal("openai/gpt-4.1-nano", options.DefaultModelId);
        Assert.Equal("Fast", options.AppTitle);
        Assert.Equal(new Uri("https://openrouter.ai/api/v1"), options.Endpoint);
    }

    [Fact]
    public void AddOpenRouterEmbeddingGenerator_ConnectionStringModel_IsTheDefaultEmbeddingModel()
    {
        HostApplicationBuilder builder = Builder(new() { ["ConnectionStrings:embeddings"] = "Key=sk-or-x;Model=openai/text-embedding-3-small" });
        builder.AddOpenRouterEmbeddingGenerator("embeddings");
        using IHost host = builder.Build();

        OpenRouterClientOptions options = host.Services.GetRequiredService<IOptionsMonitor<OpenRouterClientOptions>>().Get(Options.DefaultName);

        Assert.Equal("openai/text-embedding-3-small", options.DefaultEmbeddingModelId);
        Assert.Null(options.DefaultModelId);
    }

    [Theory]
    [InlineData("Endpoint=not a url;Key=sk-or-secret-123", "The Endpoint of the connection string 'ConnectionStrings:openrouter' is not an absolute address")]
    [InlineData("Key=sk-or-secret-123;Model=a/b;Deployment=c/d", "has both Model and Deployment")]
    [InlineData("Key='sk-or-secret-123", "is not in the form 'Endpoint=")]
    public void AddOpenRouterChatClient_BadConnectionString_FailsNamingItButNotTheKey(string connectionString, string expected)
    {
        HostApplicationBuilder builder = Builder(new() { ["ConnectionStrings:openrouter"] = connectionString });
        builder.AddOpenRouterChatClient("openrouter");
        using IHost host = builder.Build();

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(
            () => host.Services.GetRequiredService<IOptionsMonitor<OpenRouterClientOptions>>().Get(Options.DefaultName));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-secret-123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOpenRouterChatClient_NoKeyAnywhere_StartsAndTheFirstCallFailsBeforeSending()
    {
        // The one offline rule of every entry point (issue 27): a missing key is not a start-up failure; a call that needs
        // one fails with the same one-line OpenRouterException before anything is sent.
        HostApplicationBuilder builder = Builder(new() { ["ConnectionStrings:openrouter"] = "Endpoint=https://openrouter.example/api/v1/;Model=openai/gpt-4o" });
        builder.AddOpenRouterChatClient("openrouter");
        using IHost host = builder.Build();
        await host.StartAsync(Ct);

        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.Contains("No OpenRouter API key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https://openrouter.example", ex.Message, StringComparison.Ordinal);
        await host.StopAsync(Ct);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
