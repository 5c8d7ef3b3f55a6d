namespace OpenRouter.Extensions.AI;

/// <summary>
/// Which clients may serve each other's cached answers under <c>UseOpenRouterDistributedCache()</c> (chat and embeddings).
/// Clients of different endpoints never do.
/// </summary>
public enum OpenRouterCacheScope
{
    /// <summary>
    /// Only clients with the same endpoint and the same API key (the default). The cache key includes a hash of the endpoint and a
    /// hash of the API key, never the key itself: with one client per customer key over one cache, no customer is served another's
    /// answer, cost or usage.
    /// </summary>
    ApiKey = 0,

    /// <summary>
    /// Every client of the same endpoint, whatever its API key: a tenant is served answers (with their cost and usage) that another
    /// tenant paid for, and its own request never reaches OpenRouter. Choose it only when all the keys belong to one owner.
    /// </summary>
    Endpoint = 1,
}
