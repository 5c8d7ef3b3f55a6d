using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenRouter.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

/// <summary>
/// <c>DisableTracing</c>, <c>DisableMetrics</c> and <c>EnableSensitiveTelemetryData</c> as the DI registrations honour them,
/// seen by an app's OpenTelemetry that exports to memory and subscribes to nothing itself.
/// </summary>
public sealed class TelemetrySwitchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddOpenRouterChatClient_Defaults_OneChatSpanWithoutContentAndTheMetrics()
    {
        (List<Activity> spans, List<Metric> metrics) = await CallAsync(_ => { });

        Activity span = Assert.Single(spans);
        Assert.Equal(OpenRouterTelemetry.MeterName, span.Source.Name);
        Assert.StartsWith("chat", span.DisplayName, StringComparison.Ordinal);
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
        Assert.Contains(metrics, m => m.Name == OpenRouterTelemetry.CostInstrumentName);
        Assert.Contains(metrics, m => m.Name == "gen_ai.client.token.usage");
    }

    [Fact]
    public async Task AddOpenRouterChatClient_EnableSensitiveTelemetryData_SpanHoldsThePrompt()
    {
        (List<Activity> spans, _) = await CallAsync(o => o.EnableSensitiveTelemetryData = true);

        Assert.Contains("Hello from the telemetry test", Assert.Single(spans).GetTagItem("gen_ai.input.messages") as string, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOpenRouterChatClient_DisableTracing_NoSpanButTheMetrics()
    {
        (List<Activity> spans, List<Metric> metrics) = await CallAsync(o => o.DisableTracing = true);

        Assert.Empty(spans);
        Assert.Contains(metrics, m => m.Name == OpenRouterTelemetry.CostInstrumentName);
    }

    [Fact]
    public async Task AddOpenRouterChatClient_DisableMetrics_TheSpanButNoMetrics()
    {
        (List<Activity> spans, List<Metric> metrics) = await CallAsync(o => o.DisableMetrics = true);

        Assert.Single(spans);
        Assert.Empty(metrics);
    }

    [Fact]
    public async Task AddOpenRouterChatClient_BothDisabled_TheClientIsNotWrapped()
    {
        (List<Activity> spans, List<Metric> metrics, IChatClient client) = await CallWithClientAsync(o => { o.DisableTracing = true; o.DisableMetrics = true; });

        Assert.Empty(spans);
        Assert.Empty(metrics);
        Assert.Null(client.GetService<OpenTelemetryChatClient>());
        Assert.NotNull(client.GetService<OpenRouterChatClient>());
    }

    private static async Task<(List<Activity> Spans, List<Metric> Metrics)> CallAsync(Action<OpenRouterClientOptions> configure)
    {
        (List<Activity> spans, List<Metric> metrics, _) = await CallWithClientAsync(configure);
        return (spans, metrics);
    }

    private static async Task<(List<Activity> Spans, List<Metric> Metrics, IChatClient Client)> CallWithClientAsync(Action<OpenRouterClientOptions> configure)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var services = new ServiceCollection();
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddInMemoryExporter(metrics));
        services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = "sk-or-telemetry";
            o.Endpoint = emulator.Endpoint;
            o.DefaultModelId = "openai/gpt-4o-mini";
            configure(o);
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        using TracerProvider tracing = provider.GetRequiredService<TracerProvider>();
        using MeterProvider meters = provider.GetRequiredService<MeterProvider>();
        IChatClient client = provider.GetRequiredService<IChatClient>();

        await client.GetResponseAsync("Hello from the telemetry test", cancellationToken: Ct);
        tracing.ForceFlush();
        meters.ForceFlush();

        // Only this test's spans (tests run in parallel, and a provider sees every span of the sources it is subscribed to).
        return ([.. spans.Where(s => s.GetTagItem("server.port") is int port && port == emulator.Endpoint.Port)], metrics, client);
    }
}
