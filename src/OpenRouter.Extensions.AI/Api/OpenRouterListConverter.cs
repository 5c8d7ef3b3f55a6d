using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads a list of a REST answer so that it is never <see langword="null"/> (a JSON <c>null</c> is an empty list) and
/// holds no <see langword="null"/> entries (they are skipped). The element type's metadata comes from the
/// source-generated context, so no reflection is used.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class OpenRouterListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, got {reader.TokenType}.");
        }

        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Null && JsonSerializer.Deserialize(ref reader, element) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (T item in value)
        {
            JsonSerializer.Serialize(writer, item, element);
        }

        writer.WriteEndArray();
    }
}
