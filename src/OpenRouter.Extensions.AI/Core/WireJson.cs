using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>Reads one element of a JSON array of objects; the reader is on the element's <c>StartObject</c>.</summary>
/// <typeparam name="T">The wire type.</typeparam>
/// <param name="reader">The reader, left on the element's <c>EndObject</c>.</param>
internal delegate T WireObjectReader<T>(ref Utf8JsonReader reader);

/// <summary>
/// The tolerant value readers of every wire model. The types every chat stream chunk carries read themselves with these,
/// member by member; the rest of the wire model (usage, annotations, images, REST answers) is read by the source-generated
/// serializer, whose converters (<c>WireConverters.cs</c>) call the same functions, so both are equally tolerant: a scalar of
/// an unexpected kind reads as unknown (<see langword="null"/>) instead of failing the whole answer.
/// </summary>
/// <remarks>
/// Why the chunk types read themselves, measured in bench/ (ContentStreamBenchmarks, ReasoningToolStreamBenchmarks): the
/// serializer's per-member cost made reading one content chunk 3.3 µs against 0.9 µs for the reader's bare pass over the
/// same bytes, and the stream 0.37× (content) and 0.52× (reasoning and tools) of the peer's time against a bar of 0.25×.
/// Every function here expects the reader on the value (for members: <see cref="Member"/> moved it there).
/// </remarks>
internal static class WireJson
{
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>The options of every reader of a response: as tolerant as the serializer's (the package's JSON context).</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = OpenRouterJson.MaxDepth,
    };

    /// <summary>
    /// Advances to the next member name of the object being read; <see langword="false"/> at its end. Start with the reader
    /// on the object's <c>StartObject</c>.
    /// </summary>
    public static bool NextMember(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>When the member name under the reader is <paramref name="name"/>, moves to its value and returns <see langword="true"/>.</summary>
    public static bool Member(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueTextEquals(name))
        {
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>
    /// Keeps a member no wire type names, as received (the reader is on its name; a later duplicate wins). A JSON
    /// <c>null</c> carries nothing and is not kept: providers send some on every chunk (<c>"logprobs":null</c>), and a
    /// kept one would cost a dictionary and a document per chunk.
    /// </summary>
    /// <returns><paramref name="data"/>, created when this is the first member kept.</returns>
    public static Dictionary<string, JsonElement>? Unknown(ref Utf8JsonReader reader, Dictionary<string, JsonElement>? data)
    {
        Utf8JsonReader atName = reader;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return data;
        }

        data ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        data[atName.GetString()!] = JsonElement.ParseValue(ref reader);
        return data;
    }

    /// <summary>An object read by <paramref name="read"/>; anything else reads as <see langword="null"/>.</summary>
    public static T? Object<T>(ref Utf8JsonReader reader, WireObjectReader<T> read)
        where T : class
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return read(ref reader);
    }

    /// <summary>
    /// An array of objects, each read by <paramref name="read"/> (elements that are not objects are skipped); anything else
    /// reads as <see langword="null"/>. The array is exactly as long as its elements (one, nearly always, on a stream chunk).
    /// </summary>
    public static T[]? Objects<T>(ref Utf8JsonReader reader, WireObjectReader<T> read)
        where T : class
    {
        if (!FirstAndMore(ref reader, read, out T? first, out T[]? more))
        {
            return null;
        }

        return first is null ? [] : more is null ? [first] : [first, .. more];
    }

    /// <summary>
    /// An array of objects read like <see cref="Objects"/>, into its first element and the rest (<see langword="null"/> when
    /// there is no more than one). Returns <see langword="false"/> when the value is not an array.
    /// </summary>
    public static bool FirstAndMore<T>(ref Utf8JsonReader reader, WireObjectReader<T> read, out T? first, out T[]? more)
        where T : class
    {
        first = null;
        more = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        List<T>? rest = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            T item = read(ref reader);
            if (first is null)
            {
                first = item;
            }
            else
            {
                (rest ??= []).Add(item);
            }
        }

        more = rest?.ToArray();
        return true;
    }

    /// <summary>A string; any other kind of value reads as <see langword="null"/> (objects and arrays are skipped).</summary>
    public static string? String(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>
    /// An integer count: a fraction is truncated; a number outside <see cref="long"/>'s range, a non-numeric string, or any
    /// other kind of value reads as <see langword="null"/>.
    /// </summary>
    public static long? Count(ref Utf8JsonReader reader)
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

    /// <summary>
    /// An amount, exactly: a JSON number (exponent forms such as <c>1.5e-7</c> parsed exactly) or a numeric string
    /// (<c>"0.0000025"</c>, OpenRouter's <c>BigNumberUnion</c>); never by way of <see cref="double"/> where the decimal reads
    /// it. A number beyond <see cref="decimal"/>'s range, any other string and any other kind of value read as unknown.
    /// </summary>
    public static decimal? Decimal(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDecimal(out decimal value))
                {
                    return value;
                }

                ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                if (Utf8Parser.TryParse(raw, out decimal parsed, out int consumed, 'e') && consumed == raw.Length)
                {
                    return parsed;
                }

                // A tiny exponent form (1e-30) has no exact decimal; beyond decimal's range (1e400) it is no amount OpenRouter sends.
                return reader.TryGetDouble(out double number) && double.IsFinite(number) && Math.Abs(number) < 7.9e28 ? (decimal)number : null;
            case JsonTokenType.String:
                return decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal fromText) ? fromText : null;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>Unix seconds; a value outside <see cref="DateTimeOffset"/>'s range (or not a number) reads as <see langword="null"/>.</summary>
    public static long? UnixSeconds(ref Utf8JsonReader reader) =>
        Count(ref reader) is long seconds && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds ? seconds : null;

    /// <summary>A JSON value kept as received; JSON <c>null</c> reads as <see langword="null"/>.</summary>
    /// <remarks>
    /// A <c>null</c> (e.g. <c>"logprobs":null</c>, on every chunk) as a <see cref="JsonElement"/> of kind <c>Null</c> would be
    /// backed by a document of its own: ~190 B per chunk in bench/ (ContentStreamBenchmarks).
    /// </remarks>
    public static JsonElement? Element(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
}

/// <summary>
/// A string that repeats from chunk to chunk (id, model, provider, object, role, finish reason, type): the last few values
/// are kept and returned instead of a new string when the bytes match. One cache per wire member.
/// </summary>
/// <remarks>
/// Measured in bench/ (ContentStreamBenchmarks): without it every chunk of a stream allocates its id, model, provider, object
/// and role again, which alone is more than the allocation bar of the streaming scenarios allows. Entries are immutable, so
/// concurrent readers only ever miss.
/// </remarks>
internal sealed class WireStringCache
{
    private readonly Entry?[] _recent = new Entry?[4];
    private int _next;

    /// <summary>Reads a string like <see cref="WireJson.String"/>, reusing a recent equal one.</summary>
    public string? Read(ref Utf8JsonReader reader)
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

    private sealed record Entry(byte[] Utf8, string Value);
}
