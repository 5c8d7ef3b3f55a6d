using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// One <c>reasoning_details</c> item (<c>reasoning.text</c>, <c>reasoning.summary</c>, <c>reasoning.encrypted</c>), or a
/// streamed piece of one. Written back as received (members it does not name are kept in <see cref="ExtensionData"/>).
/// </summary>
internal sealed class WireReasoningDetail
{
    // Named once, for reading and writing.
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText SummaryName = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText SignatureName = JsonEncodedText.Encode("signature");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText FormatName = JsonEncodedText.Encode("format");
    private static readonly JsonEncodedText IndexName = JsonEncodedText.Encode("index");
    private static readonly WireStringCache TypeCache = new();
    private static readonly WireStringCache FormatCache = new();

    public string? Type { get; set; }

    public string? Text { get; set; }

    public string? Summary { get; set; }

    public string? Data { get; set; }

    public string? Signature { get; set; }

    public string? Id { get; set; }

    public string? Format { get; set; }

    public long? Index { get; set; }

    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads an item; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireReasoningDetail Read(ref Utf8JsonReader reader)
    {
        var detail = new WireReasoningDetail();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, TypeName.EncodedUtf8Bytes))
            {
                detail.Type = TypeCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, TextName.EncodedUtf8Bytes))
            {
                detail.Text = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, SummaryName.EncodedUtf8Bytes))
            {
                detail.Summary = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, DataName.EncodedUtf8Bytes))
            {
                detail.Data = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, SignatureName.EncodedUtf8Bytes))
            {
                detail.Signature = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, IdName.EncodedUtf8Bytes))
            {
                detail.Id = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, FormatName.EncodedUtf8Bytes))
            {
                detail.Format = FormatCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, IndexName.EncodedUtf8Bytes))
            {
                detail.Index = WireJson.Count(ref reader);
            }
            else
            {
                detail.ExtensionData = WireJson.Unknown(ref reader, detail.ExtensionData);
            }
        }

        return detail;
    }

    /// <summary>Writes the item: its named members (those that are set) in a fixed order, then the others as received.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteString(writer, TypeName, Type);
        WriteString(writer, TextName, Text);
        WriteString(writer, SummaryName, Summary);
        WriteString(writer, DataName, Data);
        WriteString(writer, SignatureName, Signature);
        WriteString(writer, IdName, Id);
        WriteString(writer, FormatName, Format);
        if (Index is { } index)
        {
            writer.WriteNumber(IndexName, index);
        }

        if (ExtensionData is { } extra)
        {
            foreach (KeyValuePair<string, JsonElement> pair in extra)
            {
                writer.WritePropertyName(pair.Key);
                pair.Value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();

        static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(name, WireText.Repair(value)); // a surrogate half left alone cannot be written as JSON
            }
        }
    }
}
