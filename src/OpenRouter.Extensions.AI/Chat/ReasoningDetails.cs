using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>reasoning_details</c>: merged from stream pieces, carried on <see cref="TextReasoningContent.ProtectedData"/>
/// as the JSON text of the array, and sent back on the assistant message of a later request by the round-trip rules of
/// <see cref="WriteForRoundTrip"/> (what is stripped, what is de-duplicated).
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

    /// <summary>
    /// Writes <c>"reasoning_details": [...]</c> for an assistant message that is sent again, from every
    /// <see cref="TextReasoningContent.ProtectedData"/> of the message that holds a JSON array (data that is not one came
    /// from another provider and is skipped). The rules follow OpenRouter's own Vercel AI SDK provider
    /// (OpenRouterTeam/ai-sdk-provider, src/chat/signature-roundtrip.test.ts and convert-to-openrouter-chat-messages.test.ts):
    /// <list type="number">
    /// <item><description>An item that would be rejected is stripped (see <see cref="NeedsSignature"/>): peer tests "should strip
    /// reasoning.text entries when signature is missing", "should strip Google Gemini reasoning.text on roundtrip (issue #418)",
    /// "should treat reasoning.text with no format as Anthropic (default) and require signature".</description></item>
    /// <item><description>Then an item already sent earlier in the conversation is left out (<see cref="DedupeKey"/>): peer tests
    /// "multi-turn reasoning_details deduplication (issue #254)". Stripping comes first, so an unsigned copy never hides a signed
    /// one.</description></item>
    /// <item><description>When the message had an array, the array goes back even if nothing is left of it (<c>[]</c>): DeepSeek V4
    /// requires its empty array back (peer test "should preserve empty reasoning_details array ... (DeepSeek V4)").</description></item>
    /// </list>
    /// </summary>
    /// <param name="writer">The writer, inside the assistant message object.</param>
    /// <param name="contents">The contents of the assistant message.</param>
    /// <param name="sent">The keys of the items sent by earlier messages of the same request; created on first use.</param>
    public static void WriteForRoundTrip(Utf8JsonWriter writer, IList<AIContent> contents, ref HashSet<string>? sent)
    {
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
                if (!started)
                {
                    writer.WriteStartArray("reasoning_details"u8);
                    started = true;
                }

                foreach (JsonElement item in document.RootElement.EnumerateArray())
                {
                    if (IsUnsignedWhereRequired(item) || DedupeKey(item) is not { } key || !(sent ??= new(StringComparer.Ordinal)).Add(key))
                    {
                        continue;
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

    /// <summary>
    /// Whether a <c>reasoning_details</c> item of this type and format is only valid with its signature: <c>reasoning.text</c>
    /// in Anthropic's format (also assumed when no format is given) or Gemini's. Anthropic rejects thinking text without its
    /// signature ("Invalid signature in thinking block", peer issues #423/#439) and Google rejects thought text that is not
    /// its own ("Corrupted thought signature", peer issue #418; Gemini's continuity travels in its <c>reasoning.encrypted</c>
    /// item). Other formats (OpenAI, Azure, xAI, unknown ones) and other types go back as they are.
    /// </summary>
    public static bool NeedsSignature(string? type, string? format) =>
        type == "reasoning.text" && format is null or "anthropic-claude-v1" or "google-gemini-v1";

    /// <summary>The rule of <see cref="NeedsSignature"/> on an item as sent: true when it needs a signature and has none (or an empty one).</summary>
    private static bool IsUnsignedWhereRequired(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object &&
        NeedsSignature(StringMember(item, "type"), StringMember(item, "format")) &&
        StringMember(item, "signature") is not { Length: > 0 };

    /// <summary>
    /// The identity of an item for de-duplication across the conversation, by the peer's keys
    /// (src/utils/reasoning-details-duplicate-tracker.ts): a summary by its summary, an encrypted item by its id (else its
    /// data), a text item by its text (else its signature); a text item with neither has no identity and is not sent. An
    /// item of a type the peer does not know is identified by its whole JSON and sent (the peer drops it; OpenRouter asks
    /// for the details back unmodified, so an item type added later is kept).
    /// </summary>
    internal static string? DedupeKey(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return "raw:" + item.GetRawText();
        }

        return StringMember(item, "type") switch
        {
            "reasoning.summary" => "summary:" + StringMember(item, "summary"),
            "reasoning.encrypted" => StringMember(item, "id") is { } id ? "encrypted:" + id : "encrypted:" + StringMember(item, "data"),
            "reasoning.text" => StringMember(item, "text") is { } text ? "text:" + text
                : StringMember(item, "signature") is { } signature ? "text-sig:" + signature
                : null,
            _ => "raw:" + item.GetRawText(),
        };
    }

    private static string? StringMember(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Merges streamed <c>reasoning_details</c> pieces into items, concatenating their text, summary and data in order. A piece
/// continues an item only when its <c>index</c> and <c>type</c> agree and their <c>id</c>s do not conflict: a
/// <c>reasoning.encrypted</c> piece at the index of a <c>reasoning.text</c> item is an item of its own. A piece that only
/// brings a signature (Anthropic sends it last, sometimes after the answer text has started) completes its item.
/// </summary>
/// <remarks>Text, summary and data grow in a <see cref="StringBuilder"/> per item, so merging n pieces costs O(total length), not O(n²).</remarks>
internal sealed class ReasoningDetailsAccumulator
{
    private readonly List<Item> _items = [];
    private bool _seen;
    private bool _taken;

    public bool HasPending => _items.Count > 0;

    /// <summary>
    /// Gets a value indicating whether every pending item is in the form it must be sent back in: none is an Anthropic
    /// thinking item (format <c>anthropic-claude-v1</c>, also assumed when none is given) still waiting for its signature,
    /// which Anthropic sends on the item's last piece, sometimes after the answer text has started. (Gemini does not sign its
    /// thought text; that text is not sent back at all, see <see cref="ReasoningDetails.NeedsSignature"/>.)
    /// </summary>
    public bool IsSettled
    {
        get
        {
            foreach (Item item in _items)
            {
                WireReasoningDetail detail = item.Detail;
                if (detail.Type == "reasoning.text" && detail.Format is null or "anthropic-claude-v1" && detail.Signature is not { Length: > 0 })
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Gets a value indicating whether a <c>reasoning.encrypted</c> piece arrived (Gemini's thought signature, OpenAI's encrypted reasoning).</summary>
    public bool SawEncrypted { get; private set; }

    /// <summary>Adds the pieces of one delta's <c>reasoning_details</c> (an empty array is remembered too: it goes back as <c>[]</c>).</summary>
    public void Add(WireReasoningDetail[] pieces)
    {
        _seen = true;
        foreach (WireReasoningDetail piece in pieces)
        {
            Add(piece);
        }
    }

    /// <summary>
    /// When the stream sent <c>reasoning_details</c> but never an item, adds a <see cref="TextReasoningContent"/> whose
    /// protected data is <c>[]</c>, so the empty array goes back with the message. The stream state calls it for an answer
    /// that calls tools: that message goes back in the tool loop, where DeepSeek V4 requires its <c>[]</c> (peer test
    /// "should preserve empty reasoning_details array from message-level providerOptions (DeepSeek V4)"). A stream cannot
    /// tell that <c>[]</c> from the one Anthropic sends on every chunk and leaves out of its JSON answers, so a plain text
    /// answer does not get an empty reasoning content.
    /// </summary>
    public void TakeEmptyArray(ref List<AIContent>? contents)
    {
        if (_seen && !_taken)
        {
            _taken = true;
            (contents ??= new List<AIContent>(1)).Add(new TextReasoningContent(string.Empty) { ProtectedData = "[]" });
        }
    }

    private void Add(WireReasoningDetail piece)
    {
        SawEncrypted |= piece.Type == "reasoning.encrypted";
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
        merged.Signature = piece.Signature is { Length: > 0 } signature ? signature : merged.Signature ?? piece.Signature;
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
        _taken = true;
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
