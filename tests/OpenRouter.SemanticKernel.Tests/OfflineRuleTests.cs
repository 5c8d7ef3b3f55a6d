using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.SemanticKernel.Tests;

/// <summary>
/// One offline rule for every entry point (a client constructed directly, <c>AddOpenRouterChatClient</c> on services and on a
/// host builder, a keyed registration, Semantic Kernel, an Agent Framework agent): a loopback endpoint needs no key; without a
/// key, any other endpoint fails at the first call, before anything is sent, with the same one-line <see cref="OpenRouterException"/>.
/// </summary>
public sealed class OfflineRuleTests
{
    /// <summary>The one message, whatever the entry point.</summary>
    public const string MissingKeyMessage =
        "No OpenRouter API key is set, so nothing was sent to https://openrouter.ai. Set the environment variable OPENROUTER_API_KEY " +
        "(or the ApiKey option: OpenRouter:ApiKey in configuration), or point OPENROUTER_BASE_URL at the OpenRouter emulator to run offline.";

    public static readonly TheoryData<string> EntryPoints = ["direct", "services", "host builder", "keyed", "Semantic Kernel", "Agent Framework"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task EntryPoint_NoKeyLoopbackEndpoint_IsAnsweredByTheEmulator(string entryPoint)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);

        string answer = await AskAsync(entryPoint, emulator.Endpoint);

        Assert.StartsWith("[OpenRouter emulator]", answer, StringComparison.Ordinal);
        Assert.Null(emulator.LastRequest!.GetHeader("Authorization"));
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task EntryPoint_NoKeyToOpenRouter_FailsBeforeSendingWithTheOneLine(string entryPoint)
    {
        // No endpoint: https://openrouter.ai/api/v1/. The key check comes before the request, so nothing reaches the network.
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => AskAsync(entryPoint, endpoint: null));

        Assert.Equal(MissingKeyMessage, ex.Message);
        Assert.Null(ex.StatusCode);
        Assert.DoesNotContain('\n', ex.Message);
    }

    /// <summary>Builds a client without a key through <paramref name="entryPoint"/> and asks it one question.</summary>
    internal static async Task<string> AskAsync(string entryPoint, Uri? endpoint)
    {
        const string Model = "openai/gpt-4o-mini";
        switch (entryPoint)
        {
            case "direct":
                using (var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = endpoint, DefaultModelId = Model }))
                {
                    return (await client.GetResponseAsync("Hi", cancellationToken: Ct)).Text;
                }

            case "services":
            case "keyed":
            case "Agent Framework":
                var services = new ServiceCollection();
                if (entryPoint == "keyed")
                {
                    services.AddKeyedOpenRouterChatClient("fast", o => Configure(o, endpoint, Model));
                }
                else
                {
                    services.AddOpenRouterChatClient(o => Configure(o, endpoint, Model));
                }

                await using (ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }))
                {
                    IChatClient chat = entryPoint == "keyed" ? provider.GetRequiredKeyedService<IChatClient>("fast") : provider.GetRequiredService<IChatClient>();
                    return entryPoint == "Agent Framework"
                        ? (await chat.AsAIAgent(instructions: "Answer briefly.").RunAsync("Hi", cancellationToken: Ct)).Text
                        : (await chat.GetResponseAsync("Hi", cancellationToken: Ct)).Text;
                }

            case "host builder":
                HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
                builder.Configuration["OpenRouter:DefaultModelId"] = Model;
                if (endpoint is not null)
                {
                    builder.Configuration["OpenRouter:Endpoint"] = endpoint.ToString();
                }

                builder.AddOpenRouterChatClient();
                using (IHost host = builder.Build())
                {
                    await host.StartAsync(Ct);
                    string text = (await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("Hi", cancellationToken: Ct)).Text;
                    await host.StopAsync(Ct);
                    return text;
                }

            case "Semantic Kernel":
                Kernel kernel = Kernel.CreateBuilder().AddOpenRouterChatCompletion(Model, endpoint: endpoint).Build();
                return (await kernel.InvokePromptAsync("Hi", cancellationToken: Ct)).ToString();

            default:
                throw new ArgumentOutOfRangeException(nameof(entryPoint), entryPoint, null);
        }
    }

    private static void Configure(OpenRouterClientOptions options, Uri? endpoint, string model)
    {
        options.Endpoint = endpoint;
        options.DefaultModelId = model;
    }
}

/// <summary>Tests that set <c>OPENROUTER_BASE_URL</c> or <c>OPENROUTER_API_KEY</c>: they run alone and restore them.</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;

/// <summary><c>OPENROUTER_BASE_URL</c> points every entry point that sets no endpoint at the emulator; an endpoint in configuration wins.</summary>
[Collection(nameof(EnvironmentVariableCollection))]
public sealed class BaseUrlVariableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OfflineRuleTests.EntryPoints), MemberType = typeof(OfflineRuleTests))]
    public async Task EntryPoint_NoEndpointNoKey_IsAnsweredByTheEmulatorTheVariableNames(string entryPoint)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);

        string answer = await WithBaseUrl(emulator.Endpoint.ToString(), () => OfflineRuleTests.AskAsync(entryPoint, endpoint: null));

        Assert.StartsWith("[OpenRouter emulator]", answer, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task HostBuilder_EndpointInConfiguration_WinsOverTheVariable()
    {
        await using OpenRouterEmulator named = await TestEmulator.StartAsync(Ct);
        await using OpenRouterEmulator configured = await TestEmulator.StartAsync(Ct);

        await WithBaseUrl(named.Endpoint.ToString(), () => OfflineRuleTests.AskAsync("host builder", configured.Endpoint));

        Assert.Empty(named.Requests);
        Assert.Single(configured.Requests);
    }

    private static async Task<string> WithBaseUrl(string value, Func<Task<string>> action)
    {
        Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, value);
        try
        {
            return await action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, null);
        }
    }
}
