using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

// Converters of the wire model. They make reading tolerant where OpenRouter (or a provider behind it) bends the
// schema: a scalar of an unexpected kind reads as unknown (null) instead of failing the whole answer.

/// <summary>A string; any other kind of value reads as <see langword="null"/> (objects and arrays are skipped).</summary>
internal sealed class WireStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// A string that repeats from chunk to chunk (id, model, provider, object, role, finish reason, type): the last few values
/// are kept and returned instead of a new string when the bytes match.
/// </summary>
/// <remarks>
/// Measured in bench/ (ContentStreamBenchmarks): without it every chunk of a stream allocates its id, model, provider, object
/// and role again, which alone is more than the allocation bar of the streaming scenarios allows. The cache is per property
/// (one converter instance per property); entries are immutable, so concurrent readers only ever miss.
/// </remarks>
internal sealed class WireRepeatedStringConverter : JsonConverter<string?>
{
    private readonly Entry?[] _recent = new Entry?[4];
    private int _next;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString();
        }

        ReadOnlySpan<byte> value = reader.ValueSpan;
        foreach (Entry? entry in _recent)
        {
            if (entry is not null && value.SequenceEqual(entry.Utf8))
            {
                return entry.Value;
            }
        }

        string text = reader.GetString()!;
        if (value.Length <= 128)
        {
            int slot = (int)((uint)Interlocked.Increment(ref _next) % (uint)_recent.Length);
            _recent[slot] = new Entry(value.ToArray(), text);
        }

        return text;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private sealed record Entry(byte[] Utf8, string Value);
}

/// <summary>
/// An integer count: a fraction is truncated; a number outside <see cref="long"/>'s range, a non-numeric string, or any
/// other kind of value reads as <see langword="null"/>.
/// </summary>
internal sealed class WireCountConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long value))
                {
                    return value;
                }

                // 2^63 is exactly representable; anything at or beyond it (or a non-finite value) does not fit a long.
                return reader.TryGetDouble(out double number) && double.IsFinite(number) && number > -9.2233720368547758E18 && number < 9.2233720368547758E18
                    ? (long)number
                    : null;
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

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

/// <summary>Unix seconds; a value outside <see cref="DateTimeOffset"/>'s range (or not a number) reads as <see langword="null"/>.</summary>
internal sealed class WireUnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;
    private static readonly WireCountConverter Count = new();

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Count.Read(ref reader, typeof(long?), options) is long seconds && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteNumberValue(time.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary><c>content</c>: a string, or an array of content parts whose <c>text</c> parts are concatenated.</summary>
internal sealed class WireContentTextConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        StringBuilder? text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? partText = null;
            bool isText = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool type = reader.ValueTextEquals("type"u8);
                bool textMember = !type && reader.ValueTextEquals("text"u8);
                reader.Read();
                if (type)
                {
                    isText = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text"u8);
                }
                else if (textMember && reader.TokenType == JsonTokenType.String)
                {
                    partText = reader.GetString();
                }

                reader.Skip();
            }

            if (isText && partText is not null)
            {
                (text ??= new StringBuilder()).Append(partText);
            }
        }

        return text?.ToString();
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary><c>function.arguments</c>: a string of JSON; an object or array sent in its place is kept as its JSON text.</summary>
internal sealed class WireArgumentsConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                using (JsonDocument document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }

            default:
                throw new JsonException("tool_calls[].function.arguments must be a string.");
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// A JSON value kept as received; JSON <c>null</c> reads as <see langword="null"/>.
/// </summary>
/// <remarks>
/// Without it a <c>null</c> (e.g. <c>"logprobs":null</c>, on every chunk) becomes a <see cref="JsonElement"/> of kind
/// <c>Null</c> backed by a document of its own: ~190 B per chunk in bench/ (ContentStreamBenchmarks).
/// </remarks>
internal sealed class WireElementConverter : JsonConverter<JsonElement?>
{
    public override bool HandleNull => false;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonElement.ParseValue(ref reader);

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
