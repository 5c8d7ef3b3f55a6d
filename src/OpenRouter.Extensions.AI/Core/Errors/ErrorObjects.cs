using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads OpenRouter's error object (<c>{"error":{"code","message","metadata"}}</c>), sent with an error status, with a 200,
/// or inside a stream chunk, into <see cref="OpenRouterException"/>: the message, the provider's own reason from
/// <c>metadata.raw</c>, moderation reasons and the rate-limit reset.
/// </summary>
internal static class ErrorObjects
{
    /// <summary>The most characters of a provider's own reason quoted in a message.</summary>
    internal const int MaxReasonChars = 300;

    /// <summary>Error bodies are parsed with the library's one depth limit.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = OpenRouterJson.MaxDepth };

    /// <summary>Builds the exception for an OpenRouter error object (<c>{"code","message","metadata"}</c>).</summary>
    /// <param name="error">The value of the <c>error</c> property.</param>
    /// <param name="httpStatus">The HTTP status of the response when it was not a success; otherwise <see langword="null"/>.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay, if any.</param>
    /// <param name="generationId">The generation id, when the error arrived inside a generation.</param>
    /// <param name="modelId">The model that served the generation, when known.</param>
    public static OpenRouterException FromErrorObject(JsonElement error, HttpStatusCode? httpStatus, TimeSpan? retryAfter, string? generationId, string? modelId)
    {
        error = WithValidUtf8(error);
        string? code = null;
        string? message = null;
        JsonElement? metadata = null;
        string? providerName = null;
        string? raw = null;
        string? flaggedInput = null;
        string? rateLimitReset = null;
        List<string>? reasons = null;

        if (error.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in error.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "code":
                        code = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => ReadText(property.Value),
                            JsonValueKind.Number => property.Value.GetRawText(),
                            _ => code,
                        };
                        break;
                    case "message" when property.Value.ValueKind == JsonValueKind.String:
                        message = ReadText(property.Value);
                        break;
                    case "metadata" when property.Value.ValueKind == JsonValueKind.Object:
                        metadata = property.Value.Clone();
                        ReadMetadata(property.Value, ref providerName, ref raw, ref flaggedInput, ref reasons, ref rateLimitReset);
                        break;
                }
            }
        }
        else if (error.ValueKind == JsonValueKind.String)
        {
            message = ReadText(error);
        }

        HttpStatusCode? status = httpStatus;
        if (status is null && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out int numeric) && numeric is >= 100 and < 600)
        {
            status = (HttpStatusCode)numeric;
        }

        var text = new StringBuilder("OpenRouter error");
        if (status is { } s)
        {
            text.Append(CultureInfo.InvariantCulture, $" {(int)s}");
        }

        if (code is not null && code != (status is { } st ? ((int)st).ToString(CultureInfo.InvariantCulture) : null))
        {
            text.Append(" (").Append(code).Append(')');
        }

        text.Append(": ").Append(string.IsNullOrWhiteSpace(message) ? "no message" : message);

        // OpenRouter masks most upstream failures as "Provider returned error"; the provider's own reason is in metadata.raw.
        if (ProviderReason(raw) is { } providerReason && (message is null || !message.Contains(providerReason, StringComparison.Ordinal)))
        {
            text.Append(": ").Append(providerReason);
        }

        if (providerName is not null)
        {
            text.Append(" [provider: ").Append(providerName).Append(']');
        }

        if (reasons is { Count: > 0 })
        {
            text.Append(" [moderation: ").AppendJoin(", ", reasons).Append(']');
        }

        return new OpenRouterException(text.ToString())
        {
            StatusCode = status,
            ErrorCode = code,
            Metadata = metadata,
            ProviderName = providerName,
            ProviderRawError = raw,
            FlaggedInput = flaggedInput,
            ModerationReasons = reasons,
            RetryAfter = retryAfter ?? (status == HttpStatusCode.TooManyRequests ? RetryAfterHeaders.FromRateLimitReset(rateLimitReset) : null),
            GenerationId = generationId,
            ModelId = modelId,
        };
    }

    /// <summary>
    /// The provider's own reason in its raw error: <c>error.message</c> (or <c>message</c>, or a string <c>error</c>) of a JSON
    /// document, otherwise the text itself; on one line and at most <see cref="MaxReasonChars"/> characters.
    /// </summary>
    private static string? ProviderReason(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        string reason = raw;
        string trimmed = raw.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(raw, DocumentOptions);
                JsonElement root = document.RootElement;
                if (root.TryGetProperty("error", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object &&
                    inner.TryGetProperty("message", out JsonElement innerMessage) && innerMessage.ValueKind == JsonValueKind.String)
                {
                    reason = ReadText(innerMessage) ?? raw;
                }
                else if (root.TryGetProperty("error", out inner) && inner.ValueKind == JsonValueKind.String)
                {
                    reason = ReadText(inner) ?? raw;
                }
                else if (root.TryGetProperty("message", out JsonElement topMessage) && topMessage.ValueKind == JsonValueKind.String)
                {
                    reason = ReadText(topMessage) ?? raw;
                }
            }
            catch (JsonException)
            {
            }
        }

        reason = string.Join(' ', reason.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (reason.Length == 0)
        {
            return null;
        }

        return reason.Length <= MaxReasonChars ? reason : string.Concat(reason.AsSpan(0, MaxReasonChars), "…");
    }

    /// <summary>
    /// Returns <paramref name="value"/>, or a copy whose invalid UTF-8 sequences are replaced with U+FFFD: reading a string
    /// of invalid UTF-8 from a <see cref="JsonElement"/> throws <see cref="InvalidOperationException"/>.
    /// </summary>
    private static JsonElement WithValidUtf8(JsonElement value)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(value);
        if (Utf8.IsValid(raw))
        {
            return value;
        }

        using JsonDocument sanitized = JsonDocument.Parse(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(raw)), DocumentOptions);
        return sanitized.RootElement.Clone();
    }

    /// <summary>A string value's text; a string with an unpaired surrogate escape (which <see cref="JsonElement.GetString"/> refuses) as its JSON text.</summary>
    private static string? ReadText(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText();
        }
    }

    /// <summary>Returns the error object when <paramref name="json"/> is an object with an <c>error</c> member and no result (<c>choices</c>/<c>data</c>).</summary>
    public static bool TryParseErrorObject(ReadOnlySpan<byte> json, out JsonElement error)
    {
        error = default;
        if (!LooksLikeErrorBody(json))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out JsonElement value) &&
                value.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            {
                error = value.Clone();
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>A cheap scan of the top-level members: an <c>error</c> member, and no <c>choices</c> or <c>data</c> member.</summary>
    public static bool LooksLikeErrorBody(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = OpenRouterJson.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool hasError = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    hasError = true;
                }
                else if (reader.ValueTextEquals("choices"u8) || reader.ValueTextEquals("data"u8))
                {
                    return false;
                }

                reader.Read();
                reader.Skip();
            }

            return hasError;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ReadMetadata(JsonElement metadata, ref string? providerName, ref string? raw, ref string? flaggedInput, ref List<string>? reasons, ref string? rateLimitReset)
    {
        foreach (JsonProperty property in metadata.EnumerateObject())
        {
            switch (property.Name)
            {
                case "provider_name" when property.Value.ValueKind == JsonValueKind.String:
                    providerName = ReadText(property.Value);
                    break;
                case "raw":
                    raw = UnwrapRaw(property.Value);
                    break;
                case "flagged_input" when property.Value.ValueKind == JsonValueKind.String:
                    flaggedInput = ReadText(property.Value);
                    break;
                case "headers" when property.Value.ValueKind == JsonValueKind.Object:
                    foreach (JsonProperty header in property.Value.EnumerateObject())
                    {
                        if (header.Name.Equals("X-RateLimit-Reset", StringComparison.OrdinalIgnoreCase))
                        {
                            rateLimitReset = header.Value.ValueKind == JsonValueKind.String ? ReadText(header.Value) : header.Value.GetRawText();
                        }
                    }

                    break;
                case "reasons" when property.Value.ValueKind == JsonValueKind.Array:
                    reasons = [];
                    foreach (JsonElement reason in property.Value.EnumerateArray())
                    {
                        if (reason.ValueKind == JsonValueKind.String)
                        {
                            reasons.Add(ReadText(reason)!);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The provider's raw error is often a JSON document serialized into a string; return that document's text.</summary>
    private static string? UnwrapRaw(JsonElement raw)
    {
        switch (raw.ValueKind)
        {
            case JsonValueKind.String:
                string text = ReadText(raw)!;
                string trimmed = text.TrimStart();
                if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
                {
                    try
                    {
                        using JsonDocument inner = JsonDocument.Parse(text, DocumentOptions);
                        return inner.RootElement.GetRawText();
                    }
                    catch (JsonException)
                    {
                    }
                }

                return text;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            default:
                return raw.GetRawText();
        }
    }
}
