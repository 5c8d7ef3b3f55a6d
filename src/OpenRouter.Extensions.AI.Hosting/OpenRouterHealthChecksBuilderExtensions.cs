using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenRouter.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check of OpenRouter, with the key and endpoint of an OpenRouter registration.</summary>
public static class OpenRouterHealthChecksBuilderExtensions
{
    /// <summary>The default name of the check: <c>openrouter</c> (<c>openrouter:{serviceKey}</c> for a keyed registration).</summary>
    public const string DefaultName = "openrouter";

    /// <summary>The <c>IHttpClientFactory</c> client the check sends with: no retries, no redirects, a 10-second timeout.</summary>
    public const string HttpClientName = "OpenRouter.HealthCheck";

    /// <summary>The default time an answer is reused, one minute.</summary>
    public static TimeSpan DefaultCacheDuration { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds a health check that asks OpenRouter about the configured key (<c>GET /key</c>: no model runs, no credit is spent)
    /// with the options of an OpenRouter registration (<c>AddOpenRouterChatClient</c> and the others), and reuses the answer
    /// for <paramref name="cacheDuration"/> so that frequent probes do not spend the key's rate limit.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><description>Healthy: OpenRouter accepts the key; the data holds its label (a redacted form, never the key), usage and limits.</description></item>
    /// <item><description>Degraded: 429 (rate limited; the answer is then kept at least as long as <c>Retry-After</c> asks),
    /// 408 or a 5xx — OpenRouter is there but not answering well.</description></item>
    /// <item><description>Unhealthy: 401 (key refused), 402 (no credit), 403, or a key whose credit limit is used up; the
    /// description gives OpenRouter's reason.</description></item>
    /// <item><description><paramref name="failureStatus"/> (by default Unhealthy): OpenRouter could not be reached, or another
    /// answer (a 404 from a wrong endpoint…).</description></item>
    /// </list>
    /// The check sends with the <see cref="HttpClientName"/> client, without the registration's retries (a probe reports the
    /// state now); configure it with <c>services.AddHttpClient(OpenRouterHealthChecksBuilderExtensions.HttpClientName)</c>.
    /// The time comes from the <see cref="TimeProvider"/> service when one is registered.
    /// </remarks>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="serviceKey">The service key of a keyed registration, or <see langword="null"/> for the non-keyed one.</param>
    /// <param name="cacheDuration">How long an answer is reused; <see cref="DefaultCacheDuration"/> when <see langword="null"/>; <see cref="TimeSpan.Zero"/> asks every time.</param>
    /// <param name="name">The check's name; <see cref="DefaultName"/> (or <c>openrouter:{serviceKey}</c>) when <see langword="null"/>.</param>
    /// <param name="failureStatus">The status when OpenRouter cannot be reached; Unhealthy when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by, e.g. <c>["ready"]</c>.</param>
    /// <param name="timeout">The check's timeout; none beyond the client's 10 seconds when <see langword="null"/>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddOpenRouterHealthCheck(
        this IHealthChecksBuilder builder,
        string? serviceKey = null,
        TimeSpan? cacheDuration = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TimeSpan keep = cacheDuration ?? DefaultCacheDuration;
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, TimeSpan.Zero, nameof(cacheDuration));
        string checkName = name ?? (serviceKey is null ? DefaultName : $"{DefaultName}:{serviceKey}");
        string optionsName = serviceKey ?? Options.Options.DefaultName;

        IHttpClientBuilder http = builder.Services.AddHttpClient(HttpClientName);
        http.ConfigureHttpClient(static c => c.Timeout = TimeSpan.FromSeconds(10));
        http.RedactLoggedHeaders(static _ => true);
        http.ConfigurePrimaryHttpMessageHandler(static (handler, _) => OpenRouterServiceCollectionExtensions.RefuseRedirects(handler));

        // One check instance per registration, so its cached answer outlives the scope each probe runs in.
        builder.Services.AddKeyedSingleton(checkName, (sp, _) => new OpenRouterHealthCheck(
            new OpenRouterClient(
                OpenRouterServiceCollectionExtensions.GetOptions(sp, optionsName),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            keep));
        return builder.Add(new HealthCheckRegistration(
            checkName, sp => sp.GetRequiredKeyedService<OpenRouterHealthCheck>(checkName), failureStatus, tags, timeout));
    }
}
