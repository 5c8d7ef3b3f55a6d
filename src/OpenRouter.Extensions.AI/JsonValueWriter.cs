using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Writes a loosely typed value (from <c>ChatOptions.AdditionalProperties</c>, Semantic Kernel's <c>ExtensionData</c>, …)
/// as JSON: primitives, <see cref="JsonElement"/>/<see cref="JsonNode"/>, dictionaries, lists, and our own typed models.
/// Collections are walked here (their items may be of any type); typed models are written with source-generated metadata, so a typed model and the same data as a dictionary produce the same JSON.
/// </summary>
internal static class JsonValueWriter
{
    /// <summary>Writes one request field given as a loosely typed value; a value that cannot be written is an <see cref="ArgumentException"/> naming <paramref name="source"/>.</summary>
    public static void WriteField(Utf8JsonWriter writer, KeyValuePair<string, object?> field, string source)
    {
        writer.WritePropertyName(field.Key);
        try
        {
            Write(writer, field.Value);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            throw new ArgumentException(
                $"{source}[\"{field.Key}\"] ({field.Value?.GetType().Name}) cannot be written as JSON: {ex.Message}", nameof(field), ex);
        }
    }

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case double d:
                writer.WriteNumberValue(d);
                return;
            case float f:
                writer.WriteNumberValue(f);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case short or byte or sbyte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                return;
            case uint or ulong:
                writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case JsonDocument document:
                document.RootElement.WriteTo(writer);
                return;
            case JsonNode node:
                node.WriteTo(writer);
                return;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                return;
        }

        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> pair in pairs)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value);
                }

                writer.WriteEndObject();
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                return;
        }

        Type type = value.GetType();
        if (OpenRouterJsonContext.Default.GetTypeInfo(type) is { } ownType)
        {
            JsonSerializer.Serialize(writer, value, ownType);
            return;
        }

        // Anything else (an app's own record, say) goes through MEAI's serializer options, which callers can extend.
        JsonTypeInfo typeInfo = AIJsonUtilities.DefaultOptions.GetTypeInfo(type);
        JsonSerializer.Serialize(writer, value, typeInfo);
    }

    /// <summary>Converts a loosely typed value (dictionary, <see cref="JsonElement"/>, typed model…) to <typeparamref name="T"/> by way of its JSON.</summary>
    public static T? ConvertTo<T>(object value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new PooledBufferWriter(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonValueWriter.Write(writer, value);
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo);
    }
}
