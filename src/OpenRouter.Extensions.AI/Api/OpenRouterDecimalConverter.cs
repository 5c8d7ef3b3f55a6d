using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads OpenRouter's <c>BigNumberUnion</c> (a price sent as a JSON number or as a decimal string such as
/// <c>"0.0000025"</c>) into an exact <see cref="decimal"/>; never goes through <see cref="double"/>. Registered once on
/// <see cref="OpenRouterJsonContext"/>, so every <see cref="decimal"/> of the wire model is read this way.
/// </summary>
internal sealed class OpenRouterDecimalConverter : JsonConverter<decimal>
{
    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out decimal number))
                {
                    return number;
                }

                break;
            case JsonTokenType.String:
                string? text = reader.GetString();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed))
                {
                    return parsed;
                }

                throw new JsonException($"'{text}' is not a decimal number.");
        }

        throw new JsonException($"Expected a number or a numeric string, got {reader.TokenType}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
