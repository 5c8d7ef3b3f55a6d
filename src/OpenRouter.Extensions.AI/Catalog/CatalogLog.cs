using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>Log messages of the model catalog and the capability check (source-generated).</summary>
internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Reloading '{CacheKey}' from OpenRouter failed; serving the copy loaded at {LoadedAt:O}. Next attempt after {RetryAt:O}.")]
    public static partial void ServingStale(ILogger logger, string cacheKey, DateTimeOffset loadedAt, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Loaded '{CacheKey}' from OpenRouter ({Count} entries).")]
    public static partial void Loaded(ILogger logger, string cacheKey, int count);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Loaded '{CacheKey}' from OpenRouter and left out {Count} entries without a model id.")]
    public static partial void SkippedModels(ILogger logger, string cacheKey, int count);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Took '{CacheKey}' from the shared cache (loaded at {LoadedAt:O} by an instance sharing it).")]
    public static partial void ReadShared(ILogger logger, string cacheKey, DateTimeOffset loadedAt);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "The shared cache failed ({Operation} '{CacheKey}'); the model catalog goes on with its own copy and OpenRouter. Further failures are not logged until the shared cache works again.")]
    public static partial void SharedCacheFailed(ILogger logger, string operation, string cacheKey, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "The shared cache works again ({Operation} '{CacheKey}').")]
    public static partial void SharedCacheRecovered(ILogger logger, string operation, string cacheKey);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning,
        Message = "The shared cache entry '{CacheKey}' ({Length} bytes) could not be read ({Reason}); it is not served, and the next load replaces it.")]
    public static partial void SharedEntryRefused(ILogger logger, string cacheKey, int length, string reason, Exception? exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Model '{ModelId}' is not in the OpenRouter model catalog; capabilities not checked.")]
    public static partial void UnknownModel(ILogger logger, string modelId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "The OpenRouter model catalog could not be loaded; capabilities of '{ModelId}' not checked.")]
    public static partial void CatalogUnavailable(ILogger logger, string modelId, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information,
        Message = "Dropped {Features} from the request to '{ModelId}': not supported according to the OpenRouter model catalog.")]
    public static partial void Dropped(ILogger logger, string modelId, string features);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning,
        Message = "The request to '{ModelId}' contains {Features}, which the model does not accept according to the OpenRouter model catalog; sent as given.")]
    public static partial void UnsupportedContentKept(ILogger logger, string modelId, string features);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning,
        Message = "Dropped {Tools} from the request to '{ModelId}': OpenRouter has no equivalent of these tools.")]
    public static partial void DroppedUnsendableTools(ILogger logger, string modelId, string tools);
}
