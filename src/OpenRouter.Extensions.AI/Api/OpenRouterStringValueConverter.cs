using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads an open string enumeration from a JSON string, or from a JSON number (kept as its text, e.g. an endpoint
/// status <c>-1</c>); writes it as a JSON string. An unknown value never fails.
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
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            _ => throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}."),
        };

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new JsonException($"An empty string is not a valid {typeof(T).Name}.");
        }

        return T.Create(text);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
