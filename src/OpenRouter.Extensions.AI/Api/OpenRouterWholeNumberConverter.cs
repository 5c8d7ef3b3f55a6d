using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads a whole number (token counts, context lengths, ids) that a server may write as <c>8192</c>, <c>8192.0</c>,
/// <c>8.192e3</c> or <c>"8192"</c>; a number with a fraction or outside <see cref="long"/> is a <see cref="JsonException"/>.
/// </summary>
internal sealed class OpenRouterWholeNumberConverter : JsonConverter<long>
{
    /// <inheritdoc />
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadWhole(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }

    /// <summary>Reads the current number or numeric string as a whole <see cref="long"/>.</summary>
    internal static long ReadWhole(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out long exact))
            {
                return exact;
            }

            if (reader.TryGetDecimal(out decimal number) && ToWhole(number) is { } whole)
            {
                return whole;
            }

            throw new JsonException("Expected a whole number that fits in 64 bits.");
        }

        if (reader.TokenType == JsonTokenType.String &&
            decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed) &&
            ToWhole(parsed) is { } fromText)
        {
            return fromText;
        }

        throw new JsonException($"Expected a whole number, got {reader.TokenType}.");
    }

    private static long? ToWhole(decimal value) =>
        decimal.Truncate(value) == value && value >= long.MinValue && value <= long.MaxValue ? (long)value : null;
}

/// <summary>The <see cref="OpenRouterWholeNumberConverter"/> for optional members: a JSON <c>null</c> reads as <see langword="null"/>.</summary>
internal sealed class OpenRouterOptionalWholeNumberConverter : JsonConverter<long?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : OpenRouterWholeNumberConverter.ReadWhole(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
