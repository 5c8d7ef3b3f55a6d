using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>Small JSON helpers over <see cref="JsonValueWriter"/> and the source-generated context.</summary>
internal static class OpenRouterJson
{
    /// <summary>
    /// The one nesting limit for every JSON the library reads (chat answers in both modes, stream events, REST answers,
    /// error bodies): 256 levels, four times System.Text.Json's default of 64, because tool arguments and structured
    /// output nest deeply. Deeper input is a malformed answer (<see cref="OpenRouterException"/>).
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Converts a loosely typed value (dictionary, <see cref="JsonElement"/>, typed model…) to <typeparamref name="T"/> by way of its JSON.</summary>
    public static T? Convert<T>(object value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new PooledBufferWriter(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonValueWriter.Write(writer, value);
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo);
    }
}
