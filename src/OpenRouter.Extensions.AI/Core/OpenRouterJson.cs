using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>Small JSON helpers over <see cref="JsonValueWriter"/> and the source-generated context.</summary>
internal static class OpenRouterJson
{
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
