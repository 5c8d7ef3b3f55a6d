using System.Buffers;
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
    /// <summary>Returns the JSON text of a <c>reasoning_details</c> array (members of each item as received, in wire order).</summary>
    public static string ToJson(IEnumerable<WireReasoningDetail> details)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (WireReasoningDetail detail in details)
            {
                detail.Write(writer);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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

/// <summary>
/// Merges streamed <c>reasoning_details</c> pieces into items, concatenating their text, summary and data in order. A piece
/// continues an item only when its <c>index</c> and <c>type</c> agree and their <c>id</c>s do not conflict: a
/// <c>reasoning.encrypted</c> piece at the index of a <c>reasoning.text</c> item is an item of its own.
/// </summary>
/// <remarks>Text, summary and data grow in a <see cref="StringBuilder"/> per item, so merging n pieces costs O(total length), not O(n²).</remarks>
internal sealed class ReasoningDetailsAccumulator
{
    private readonly List<Item> _items = [];

    public bool HasPending => _items.Count > 0;

    public void Add(WireReasoningDetail piece)
    {
        Item? target = null;
        if (piece.Index is { } index)
        {
            for (int i = _items.Count - 1; i >= 0; i--)
            {
                WireReasoningDetail candidate = _items[i].Detail;
                if (candidate.Index == index && candidate.Type == piece.Type &&
                    (piece.Id is null || candidate.Id is null || piece.Id == candidate.Id))
                {
                    target = _items[i];
                    break;
                }
            }
        }

        if (target is null)
        {
            _items.Add(new Item(piece));
            return;
        }

        WireReasoningDetail merged = target.Detail;
        merged.Id ??= piece.Id;
        merged.Format ??= piece.Format;
        merged.Signature = piece.Signature ?? merged.Signature;
        target.Text.Append(piece.Text);
        target.Summary.Append(piece.Summary);
        target.Data.Append(piece.Data);
        if (piece.ExtensionData is { } extra)
        {
            merged.ExtensionData ??= [];
            foreach (KeyValuePair<string, JsonElement> pair in extra)
            {
                merged.ExtensionData.TryAdd(pair.Key, pair.Value);
            }
        }
    }

    /// <summary>Returns the merged details as the JSON text of an array, and starts over.</summary>
    public string TakeJson()
    {
        var details = new List<WireReasoningDetail>(_items.Count);
        foreach (Item item in _items)
        {
            item.Detail.Text = item.Text.Value;
            item.Detail.Summary = item.Summary.Value;
            item.Detail.Data = item.Data.Value;
            details.Add(item.Detail);
        }

        _items.Clear();
        return ReasoningDetails.ToJson(details);
    }

    /// <summary>One merged item: a copy of its first piece, and its growing text fields.</summary>
    private sealed class Item(WireReasoningDetail piece)
    {
        public WireReasoningDetail Detail { get; } = new()
        {
            Type = piece.Type,
            Id = piece.Id,
            Format = piece.Format,
            Index = piece.Index,
            Signature = piece.Signature,
            ExtensionData = piece.ExtensionData is null ? null : new(piece.ExtensionData),
        };

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
