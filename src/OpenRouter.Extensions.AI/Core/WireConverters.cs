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

/// <summary>
/// Every amount of the wire model (costs, prices, credits, limits) is read by this one converter, registered on the package's
/// JSON context, with one policy (<see cref="WireJson.Decimal"/>): a JSON number, exponent forms included, or a numeric
/// string is read exactly; anything else is unknown: <see langword="null"/> for an optional amount (<c>decimal?</c>), a
/// malformed answer (<see cref="JsonException"/>) for a required one (<c>decimal</c>).
/// </summary>
internal sealed class WireDecimalConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(decimal) || typeToConvert == typeof(decimal?);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(decimal) ? Required.Instance : Optional.Instance;

    private sealed class Optional : JsonConverter<decimal?>
    {
        public static readonly Optional Instance = new();

        public override bool HandleNull => true;

        public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireJson.Decimal(ref reader);

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

    private sealed class Required : JsonConverter<decimal>
    {
        public static readonly Required Instance = new();

        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // The text of a string that is not an amount is quoted (the boundary redacts secrets from messages).
            string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            JsonTokenType kind = reader.TokenType;
            return WireJson.Decimal(ref reader)
                ?? throw new JsonException(text is null ? $"Expected an amount (a number or a numeric string), got {kind}." : $"'{Truncate(text)}' is not an amount.");
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

        private static string Truncate(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "…");
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
