using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

// Converters of the wire types read by the source-generated serializer (usage, annotations, images). They make reading
// tolerant where OpenRouter (or a provider behind it) bends the schema: a scalar of an unexpected kind reads as unknown
// (null) instead of failing the whole answer. The chunk types read themselves with the same functions (WireJson.cs).

/// <summary>A string; any other kind of value reads as <see langword="null"/> (objects and arrays are skipped).</summary>
internal sealed class WireStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireJson.String(ref reader);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A string that repeats from response to response (a type): see <see cref="WireStringCache"/>.</summary>
internal sealed class WireRepeatedStringConverter : JsonConverter<string?>
{
    private readonly WireStringCache _cache = new();

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _cache.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// An integer count: a fraction is truncated; a number outside <see cref="long"/>'s range, a non-numeric string, or any
/// other kind of value reads as <see langword="null"/>.
/// </summary>
internal sealed class WireCountConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireJson.Count(ref reader);

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
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

/// <summary>An exact decimal (a cost); exponent forms are parsed exactly; a value beyond <see cref="decimal"/>'s range reads as <see langword="null"/>.</summary>
internal sealed class WireDecimalConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDecimal(out decimal value))
            {
                return value;
            }

            // Exponent forms such as 1.5e-7: parse the token text exactly.
            ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            if (Utf8Parser.TryParse(raw, out decimal parsed, out int consumed, 'e') && consumed == raw.Length)
            {
                return parsed;
            }

            // Beyond decimal's range (e.g. 1e400): not a price or cost OpenRouter sends; read as unknown.
            return reader.TryGetDouble(out double number) && double.IsFinite(number) && Math.Abs(number) < 7.9e28 ? (decimal)number : null;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal fromText) ? fromText : null;
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
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

/// <summary><see langword="true"/> or <see langword="false"/>; any other value reads as <see langword="null"/>.</summary>
internal sealed class WireBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A JSON value kept as received (see <see cref="WireJson.Element"/>).</summary>
internal sealed class WireElementConverter : JsonConverter<JsonElement?>
{
    public override bool HandleNull => false;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireJson.Element(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options)
    {
        if (value is { } element)
        {
            element.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
