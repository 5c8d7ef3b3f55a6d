using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads an open string enumeration from a JSON string, or from a JSON number (kept as its text, e.g. an endpoint
/// status <c>-1</c>); writes it as a JSON string. An unknown value never fails; <c>null</c> or an empty string in a
/// non-nullable position reads as the default instance (empty <c>Value</c>).
/// </summary>
/// <typeparam name="T">The string-backed value type.</typeparam>
internal sealed class OpenRouterStringValueConverter<T> : JsonConverter<T>
    where T : struct, IOpenRouterStringValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            _ => throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}."),
        };

        // A null or blank value in a non-nullable position becomes the default instance (empty Value) rather than failing the whole answer.
        return string.IsNullOrWhiteSpace(text) ? default : T.Create(text);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
