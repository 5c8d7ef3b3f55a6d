using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>JSON helpers for code that builds OpenRouter request fields itself, such as other framework integrations.</summary>
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
}
