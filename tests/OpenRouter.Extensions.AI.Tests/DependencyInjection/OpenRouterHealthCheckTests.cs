using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

/// <summary><c>AddOpenRouterHealthCheck</c> against the emulator: each state, the cache, keyed registrations.</summary>
public sealed class OpenRouterHealthCheckTests
{
    private const string Key = "sk-or-health-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddOpenRouterHealthCheck_KeyAccepted_HealthyWithTheKeysLabelNotTheKey()
    {
        // The emulator accepts only this key, so a healthy answer shows the check sent the registration's key.
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(new() { ApiKey = Key }, Ct);
        await using ServiceProvider provider = Build(emulator.Endpoint, new FakeTimeProvider());

        HealthReportEntry entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.StartsWith("OpenRouter accepts the key ", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, string.Join(",", entry.Data.Values), StringComparison.Ordinal);
        RecordedRequest request = Assert.Single(emulator.Requests);
        Assert.Equal(("GET", "/api/v1/key"), (request.Method, request.Path));
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_KeyRefused401_UnhealthyWithOpenRoutersReason()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(new() { ApiKey = "sk-or-another-key" }, Ct);
        await using ServiceProvider provider = Build(emulator.Endpoint, new FakeTimeProvider());

        HealthReportEntry entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("401", entry.Description, StringComparison.Ordinal);
        // The emulator answers a key it does not know as OpenRouter does (issue 27): 401 "User not found."
        Assert.Contains("User not found", entry.Description, StringComparison.Ordinal);
        Assert.Equal(401, entry.Data["status_code"]);
        Assert.IsType<OpenRouterException>(entry.Exception);
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_NoCredit402_UnhealthyWithOpenRoutersReason()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Intercept = _ => EmulatorResponse.Error(402, "Insufficient credits. Add more using https://openrouter.ai/credits");
        await using ServiceProvider provider = Build(emulator.Endpoint, new FakeTimeProvider());

        HealthReportEntry entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("402", entry.Description, StringComparison.Ordinal);
        Assert.Contains("Insufficient credits", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_CreditLimitUsedUp_Unhealthy()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Intercept = _ => EmulatorResponse.Json("""{"data":{"label":"sk-or-v1-abc...789","limit":5,"limit_remaining":0,"usage":5,"is_free_tier":false}}""");
        await using ServiceProvider provider = Build(emulator.Endpoint, new FakeTimeProvider());

        HealthReportEntry entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("used up its credit limit (5 USD)", entry.Description, StringComparison.Ordinal);
        Assert.Equal(0m, entry.Data["limit_remaining"]);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task AddOpenRouterHealthCheck_RateLimitedOrServerError_Degraded(int status)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Intercept = _ => EmulatorResponse.Error(status, "upstream trouble");
        await using ServiceProvider provider = Build(emulator.Endpoint, new FakeTimeProvider());

        HealthReportEntry entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains($"{status}", entry.Description, StringComparison.Ordinal);
        Assert.Contains("upstream trouble", entry.Description, StringComparison.Ordinal);
        Assert.Single(emulator.Requests); // no retries: a probe reports the state now
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_Unreachable_FailureStatus()
    {
        Uri endpoint;
        await using (OpenRouterEmulator gone = await OpenRouterEmulator.StartAsync(cancellationToken: Ct))
        {
            endpoint = gone.Endpoint;
        }

        await using ServiceProvider provider = Build(endpoint, new FakeTimeProvider(), failureStatus: HealthStatus.Degraded);

        HealthReportEntry entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.StartsWith("OpenRouter could not be asked: ", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_WithinCacheDuration_AsksOnceThenAgainAfterIt()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        var time = new FakeTimeProvider();
        await using ServiceProvider provider = Build(emulator.Endpoint, time, cacheDuration: TimeSpan.FromSeconds(30));

        await CheckAsync(provider);
        time.Advance(TimeSpan.FromSeconds(29));
        await CheckAsync(provider);
        await CheckAsync(provider);
        int withinPeriod = emulator.Requests.Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await CheckAsync(provider);

        Assert.Equal(1, withinPeriod);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_429WithLongRetryAfter_KeepsTheAnswerUntilThen()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Intercept = _ => EmulatorResponse.Error(429, "Rate limit exceeded", retryAfter: TimeSpan.FromMinutes(2));
        var time = new FakeTimeProvider();
        await using ServiceProvider provider = Build(emulator.Endpoint, time, cacheDuration: TimeSpan.FromSeconds(30));

        await CheckAsync(provider);
        time.Advance(TimeSpan.FromSeconds(119));
        HealthReportEntry stillCached = await CheckAsync(provider);
        int beforeRetryAfter = emulator.Requests.Count;
        emulator.Intercept = null;
        time.Advance(TimeSpan.FromSeconds(1));
        HealthReportEntry after = await CheckAsync(provider);

        Assert.Equal(1, beforeRetryAfter);
        Assert.Equal(HealthStatus.Degraded, stillCached.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }

    [Fact]
    public async Task AddOpenRouterHealthCheck_Keyed_UsesThatRegistrationsKeyAndEndpoint()
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(new() { ApiKey = "sk-or-tenant-b" }, Ct);
        var services = new ServiceCollection();
        services.AddKeyedOpenRouterChatClient("a", o => { o.ApiKey = "sk-or-tenant-a"; o.Endpoint = emulator.Endpoint; });
        services.AddKeyedOpenRouterChatClient("b", o => { o.ApiKey = "sk-or-tenant-b"; o.Endpoint = emulator.Endpoint; });
        services.AddHealthChecks().AddOpenRouterHealthCheck("a").AddOpenRouterHealthCheck("b");
        await using ServiceProvider provider = services.BuildServiceProvider();

        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["openrouter:a"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["openrouter:b"].Status);
    }

    private static ServiceProvider Build(Uri endpoint, TimeProvider time, TimeSpan? cacheDuration = null, HealthStatus? failureStatus = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = Key;
            o.Endpoint = endpoint;
        });
        services.AddHealthChecks().AddOpenRouterHealthCheck(cacheDuration: cacheDuration, failureStatus: failureStatus);
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> CheckAsync(ServiceProvider provider)
    {
        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        return Assert.Single(report.Entries, e => e.Key == OpenRouterHealthChecksBuilderExtensions.DefaultName).Value;
    }
}
