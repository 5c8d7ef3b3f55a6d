using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// JSON helpers for code that builds OpenRouter request fields itself, such as other framework integrations, and JSON settings
/// for code that serializes this library's types together with Microsoft.Extensions.AI's, such as response caching.
/// </summary>
public static class OpenRouterJsonUtilities
{
    /// <summary>
    /// Writes a loosely typed value exactly as the chat client writes a <see cref="ChatOptions.AdditionalProperties"/> value into
    /// a request: primitives, <see cref="JsonElement"/>, <c>JsonNode</c>, dictionaries and lists (walked item by item), this
    /// library's typed models (<see cref="OpenRouterProviderRouting"/>, <see cref="OpenRouterReasoning"/>, …) with their wire
    /// names, and any other type through <see cref="AIJsonUtilities.DefaultOptions"/>.
    /// </summary>
    /// <param name="writer">The writer to write to.</param>
    /// <param name="value">The value, or <see langword="null"/> for a JSON <c>null</c>.</param>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonValueWriter.Write(writer, value);
    }

    /// <summary>
    /// Gets <see cref="AIJsonUtilities.DefaultOptions"/> with this library's source-generated metadata in front of its resolvers (read-only,
    /// no reflection): every value the <see cref="OpenRouterChatOptionsExtensions"/> put in <see cref="ChatOptions.AdditionalProperties"/>
    /// (<see cref="OpenRouterProviderRouting"/>, <see cref="OpenRouterReasoning"/>, <see cref="OpenRouterPlugin"/> lists,
    /// <see cref="OpenRouterResponseFormat"/>, string maps, numbers…) serializes with every field that is set, extension data included.
    /// Property names follow these options' camelCase policy, not OpenRouter's wire names: the JSON is for keys and caches, not for OpenRouter.
    /// </summary>
    /// <remarks>
    /// Give it to <c>DistributedCachingChatClient.JsonSerializerOptions</c>
    /// (<c>.UseDistributedCache(configure: c =&gt; c.JsonSerializerOptions = OpenRouterJsonUtilities.DefaultOptions)</c>): the cache key is a hash of
    /// the messages and the <see cref="ChatOptions"/> serialized with these options, so two requests that differ in any OpenRouter field get
    /// different keys, also under Native AOT, where the default options cannot serialize this library's types.
    /// </remarks>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, OpenRouterJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}
