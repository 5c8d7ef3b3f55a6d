using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Replaces the configured API key with <c>***</c> in text a server sent back, so that a server that echoes the key
/// (<c>"Invalid credentials: Bearer sk-or-…"</c>) cannot put it into an exception, a log line or a snapshot.
/// </summary>
/// <remarks>
/// Only the key itself is replaced (letter case ignored), so <c>Bearer sk-or-…</c> reads <c>Bearer ***</c> and the rest
/// of the text is kept. JSON is searched after unescaping, so an escaped echo (<c>\u0073k-or-…</c>) is found too.
/// </remarks>
internal sealed class SecretRedactor
{
    /// <summary>What the key is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Writes redacted JSON readably: redaction must not turn quotes or non-ASCII text into escapes.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string? _secret;

    /// <summary>Initializes a new instance for <paramref name="secret"/>; a null or blank secret redacts nothing.</summary>
    /// <param name="secret">The API key.</param>
    public SecretRedactor(string? secret) => _secret = string.IsNullOrWhiteSpace(secret) ? null : secret.Trim();

    /// <summary>Gets a redactor with no secret.</summary>
    public static SecretRedactor None { get; } = new(null);

    /// <summary>Whether <paramref name="text"/> contains the secret.</summary>
    public bool Finds([NotNullWhen(true)] string? text) =>
        _secret is not null && text is not null && text.Contains(_secret, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a string or property name anywhere in <paramref name="value"/> contains the secret (after unescaping).</summary>
    public bool Finds(JsonElement value)
    {
        if (_secret is null || value.ValueKind == JsonValueKind.Undefined)
        {
            return false;
        }

        string raw = value.GetRawText();
        if (Finds(raw))
        {
            return true;
        }

        // Without a backslash nothing is escaped, and the raw text is what a reader sees.
        return raw.Contains('\\', StringComparison.Ordinal) && FindsEscaped(value);
    }

    /// <summary>Returns <paramref name="text"/> with every occurrence of the secret replaced by <see cref="Mask"/>.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text) => Finds(text) ? text.Replace(_secret!, Mask, StringComparison.OrdinalIgnoreCase) : text;

    /// <summary>Returns <paramref name="value"/>, or a copy whose strings and property names have the secret replaced.</summary>
    public JsonElement Redact(JsonElement value)
    {
        if (!Finds(value))
        {
            return value;
        }

        using var buffer = new PooledBufferWriter(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Redacts text that may be a JSON document (a provider's raw error): the text itself, and its unescaped strings.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? RedactJsonText(string? text)
    {
        if (_secret is null || text is null)
        {
            return text;
        }

        string redacted = Redact(text);
        if (!redacted.Contains('\\', StringComparison.Ordinal) || !(redacted.TrimStart().StartsWith('{') || redacted.TrimStart().StartsWith('[')))
        {
            return redacted;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(redacted, new JsonDocumentOptions { MaxDepth = OpenRouterJson.MaxDepth });
            return FindsEscaped(document.RootElement) ? Redact(document.RootElement).GetRawText() : redacted;
        }
        catch (JsonException)
        {
            return redacted;
        }
    }

    private bool FindsEscaped(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    if (Finds(property.Name) || FindsEscaped(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (FindsEscaped(item))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                // A string may itself be JSON with escapes of its own (a provider's raw error inside metadata).
                string text = TextOf(value);
                return Finds(text) || !ReferenceEquals(RedactJsonText(text), text);
            default:
                return false;
        }
    }

    private void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    writer.WritePropertyName(Redact(property.Name));
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(RedactJsonText(TextOf(value)));
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>A string's text; one with an unpaired surrogate escape (which <see cref="JsonElement.GetString"/> refuses) as its JSON text.</summary>
    private static string TextOf(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText();
        }
    }
}
