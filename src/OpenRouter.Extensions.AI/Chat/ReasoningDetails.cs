using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>reasoning_details</c>: merged from stream pieces, carried on <see cref="TextReasoningContent.ProtectedData"/>
/// as the JSON text of the array, and sent back unmodified (and de-duplicated) on the assistant message of a later request.
/// </summary>
internal static class ReasoningDetails
{
    /// <summary>Writes <c>"reasoning_details": [...]</c> from every <see cref="TextReasoningContent.ProtectedData"/> that holds a JSON array, without duplicates.</summary>
    public static void WriteForRoundTrip(Utf8JsonWriter writer, IList<AIContent> contents)
    {
        HashSet<string>? seen = null;
        bool started = false;
        foreach (AIContent content in contents)
        {
            if (content is not TextReasoningContent { ProtectedData: { Length: > 1 } data } || data[0] != '[')
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(data);
            }
            catch (JsonException)
            {
                continue; // Not ours (another provider's opaque data): nothing OpenRouter would understand.
            }

            using (document)
            {
                foreach (JsonElement item in document.RootElement.EnumerateArray())
                {
                    if (DedupeKey(item) is { } key && !(seen ??= new(StringComparer.Ordinal)).Add(key))
                    {
                        continue;
                    }

                    if (!started)
                    {
                        writer.WriteStartArray("reasoning_details"u8);
                        started = true;
                    }

                    item.WriteTo(writer);
                }
            }
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    /// <summary>The identity of a detail for de-duplication: summary by text, encrypted by id (else data), text by text (else signature).</summary>
    internal static string? DedupeKey(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out JsonElement typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return item.ValueKind == JsonValueKind.Object ? "raw:" + item.GetRawText() : null;
        }

        string type = typeElement.GetString()!;
        return type switch
        {
            "reasoning.summary" => Key(type, item, "summary", null),
            "reasoning.encrypted" => Key(type, item, "id", "data"),
            "reasoning.text" => Key(type, item, "text", "signature"),
            _ => "raw:" + item.GetRawText(),
        };

        static string? Key(string type, JsonElement item, string first, string? second)
        {
            if (item.TryGetProperty(first, out JsonElement a) && a.ValueKind == JsonValueKind.String && a.GetString() is { Length: > 0 } av)
            {
                return type + "|" + first + "|" + av;
            }

            if (second is not null && item.TryGetProperty(second, out JsonElement b) && b.ValueKind == JsonValueKind.String && b.GetString() is { Length: > 0 } bv)
            {
                return type + "|" + second + "|" + bv;
            }

            return "raw:" + item.GetRawText();
        }
    }
}

/// <summary>One <c>reasoning_details</c> item, or a streamed piece of one.</summary>
internal sealed class ReasoningDetailPiece
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Format { get; set; }

    public int? Index { get; set; }

    public string? Text { get; set; }

    public string? Summary { get; set; }

    public string? Data { get; set; }

    public string? Signature { get; set; }

    /// <summary>Fields this type does not name, as raw JSON, written back as received.</summary>
    public List<KeyValuePair<string, string>>? Extra { get; set; }
}

/// <summary>Merges streamed <c>reasoning_details</c> pieces by <c>index</c>, concatenating their text in order.</summary>
/// <remarks>Text, summary and data grow in a <see cref="StringBuilder"/> per item, so merging n pieces costs O(total length), not O(n²).</remarks>
internal sealed class ReasoningDetailsAccumulator
{
    private readonly List<Item> _items = [];

    public bool HasPending => _items.Count > 0;

    public void Add(ReasoningDetailPiece piece)
    {
        Item? target = null;
        if (piece.Index is { } index)
        {
            foreach (Item item in _items)
            {
                if (item.Piece.Index == index)
                {
                    target = item;
                    break;
                }
            }
        }

        if (target is null)
        {
            _items.Add(new Item(piece));
            return;
        }

        ReasoningDetailPiece merged = target.Piece;
        merged.Type ??= piece.Type;
        merged.Id ??= piece.Id;
        merged.Format ??= piece.Format;
        target.Text.Append(piece.Text);
        target.Summary.Append(piece.Summary);
        target.Data.Append(piece.Data);
        merged.Signature = piece.Signature ?? merged.Signature;
        if (piece.Extra is { } extra)
        {
            foreach (KeyValuePair<string, string> pair in extra)
            {
                if (!HasKey(merged.Extra, pair.Key))
                {
                    (merged.Extra ??= []).Add(pair);
                }
            }
        }
    }

    /// <summary>Returns the merged details as the JSON text of an array, and starts over.</summary>
    public string TakeJson()
    {
        using var buffer = new PooledBufferWriter(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (Item entry in _items)
            {
                ReasoningDetailPiece item = entry.Piece;
                writer.WriteStartObject();
                WriteIfSet(writer, "type", item.Type);
                WriteIfSet(writer, "text", entry.Text.Value);
                WriteIfSet(writer, "summary", entry.Summary.Value);
                WriteIfSet(writer, "data", entry.Data.Value);
                WriteIfSet(writer, "signature", item.Signature);
                WriteIfSet(writer, "id", item.Id);
                WriteIfSet(writer, "format", item.Format);
                if (item.Index is { } index)
                {
                    writer.WriteNumber("index"u8, index);
                }

                if (item.Extra is { } extra)
                {
                    foreach (KeyValuePair<string, string> pair in extra)
                    {
                        writer.WritePropertyName(pair.Key);
                        writer.WriteRawValue(pair.Value, skipInputValidation: true);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        _items.Clear();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool HasKey(List<KeyValuePair<string, string>>? extra, string key)
    {
        if (extra is not null)
        {
            foreach (KeyValuePair<string, string> pair in extra)
            {
                if (pair.Key == key)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>One merged item: the first piece, and its growing text fields.</summary>
    private sealed class Item(ReasoningDetailPiece piece)
    {
        public ReasoningDetailPiece Piece { get; } = piece;

        public Field Text { get; } = new(piece.Text);

        public Field Summary { get; } = new(piece.Summary);

        public Field Data { get; } = new(piece.Data);
    }

    /// <summary>A string that is <see langword="null"/> until a piece sets it, then grows by appending.</summary>
    private sealed class Field(string? first)
    {
        private string? _first = first;
        private StringBuilder? _more;

        public string? Value => _more?.ToString() ?? _first;

        public void Append(string? piece)
        {
            if (piece is null)
            {
                return;
            }

            if (_more is not null)
            {
                _more.Append(piece);
            }
            else if (_first is null)
            {
                _first = piece;
            }
            else
            {
                _more = new StringBuilder(_first, Math.Max(256, (_first.Length + piece.Length) * 2)).Append(piece);
            }
        }
    }
}
