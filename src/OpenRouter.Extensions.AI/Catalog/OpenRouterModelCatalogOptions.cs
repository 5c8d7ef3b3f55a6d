namespace OpenRouter.Extensions.AI;

/// <summary>Settings of an <see cref="OpenRouterModelCatalog"/>.</summary>
public sealed class OpenRouterModelCatalogOptions
{
    /// <summary>The default cache key prefix, <c>OpenRouter.ModelCatalog</c>.</summary>
    public const string DefaultCacheKeyPrefix = "OpenRouter.ModelCatalog";

    /// <summary>Gets or sets how long a loaded catalog (and a loaded endpoint list) is served before the next call reloads it. Defaults to one hour.</summary>
    /// <remarks>
    /// Measured with the catalog's <see cref="TimeProvider"/>, not with the memory cache's clock. A catalog with a shared <c>HybridCache</c>
    /// serves its copies for a random time between nine tenths of this and all of it, so that instances do not all reload at once.
    /// </remarks>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how long an expired catalog keeps being served after a failed reload before the next call tries again.
    /// Defaults to one minute, so an OpenRouter outage does not turn every call into a failing request.
    /// <see cref="TimeSpan.Zero"/> retries on every call.
    /// </summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the prefix of the cache keys (<c>{prefix}:{endpoint hash}:models</c>, <c>{prefix}:{endpoint hash}:endpoints:{modelId}</c>),
    /// in the <c>IMemoryCache</c> and, when there is one, the shared <c>HybridCache</c>. The keys already contain a hash of the endpoint, so
    /// catalogs of different endpoints never share data and catalogs of one endpoint do, whatever their API keys (the lists are public).
    /// Give applications that share one Redis but must not share catalogs distinct prefixes.
    /// </summary>
    public string CacheKeyPrefix { get; set; } = DefaultCacheKeyPrefix;
}
