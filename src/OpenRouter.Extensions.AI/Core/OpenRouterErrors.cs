using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The single place where failures become <see cref="OpenRouterException"/>: HTTP error statuses, error bodies
/// sent with a 200, in-band stream errors, truncated or stalled streams and transport failures.
/// </summary>
internal static class OpenRouterErrors
{
    /// <summary>The most bytes of an error body that are read; error bodies are small, an HTML error page need not be read whole.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Builds the exception for a non-success HTTP response. Reads (part of) the body; does not dispose the response.</summary>
    public static async Task<OpenRouterException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            body = [];
        }

        TimeSpan? retryAfter = GetRetryAfter(response);
        if (TryParseErrorObject(body, out JsonElement error))
        {
            return FromErrorObject(error, response.StatusCode, retryAfter, generationId: null, modelId: null);
        }

        string reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        string text = DescribeNonJsonBody(body, response.Content.Headers.ContentType?.MediaType);
        return new OpenRouterException(
            string.Create(CultureInfo.InvariantCulture, $"OpenRouter returned HTTP {(int)response.StatusCode} ({reason}){text}{EndpointHint(response)}"))
        {
            StatusCode = response.StatusCode,
            ErrorCode = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
            RetryAfter = retryAfter,
        };
    }

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
                        ReadMetadata(property.Value, ref providerName, ref raw, ref flaggedInput, ref reasons);
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
            RetryAfter = retryAfter,
            GenerationId = generationId,
            ModelId = modelId,
        };
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

        using JsonDocument sanitized = JsonDocument.Parse(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(raw)));
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
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
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
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
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

    /// <summary>A stream that ended before OpenRouter said it was done.</summary>
    public static OpenRouterException StreamEndedEarly(string? generationId, string? modelId) =>
        new("OpenRouter's stream ended before a finish reason or [DONE] arrived; the response is incomplete.")
        {
            GenerationId = generationId,
            ModelId = modelId,
        };

    /// <summary>A stream that sent nothing for longer than the configured idle timeout.</summary>
    public static OpenRouterException StreamStalled(TimeSpan idleTimeout, string? generationId) =>
        new(
            string.Create(CultureInfo.InvariantCulture, $"OpenRouter's stream sent nothing for {idleTimeout.TotalSeconds:0.###} s (StreamIdleTimeout); the response is incomplete."),
            new TimeoutException("The stream idle timeout elapsed."))
        {
            GenerationId = generationId,
        };

    /// <summary>A body that is not the JSON OpenRouter sends.</summary>
    public static OpenRouterException MalformedResponse(Exception inner, string? generationId) =>
        new("OpenRouter sent a response that is not valid JSON of the expected shape: " + inner.Message, inner)
        {
            GenerationId = generationId,
        };

    /// <summary>A request that timed out without the caller canceling it (<c>HttpClient.Timeout</c> or a resilience timeout).</summary>
    public static OpenRouterException Timeout(Exception inner, string? generationId = null) =>
        new("OpenRouter did not answer in time (HttpClient.Timeout or the resilience pipeline's timeout elapsed).", new TimeoutException(inner.Message, inner))
        {
            GenerationId = generationId,
        };

    /// <summary>A connection that failed while sending the request or reading the response.</summary>
    public static OpenRouterException Transport(Exception inner, string? generationId = null) =>
        new("The connection to OpenRouter failed: " + inner.Message, inner)
        {
            GenerationId = generationId,
        };

    /// <summary>
    /// For a 404 on the chat path that is not an OpenRouter error: the usual cause is an endpoint without the API path
    /// (<c>https://openrouter.ai/</c> instead of <c>https://openrouter.ai/api/v1/</c>), so say so.
    /// </summary>
    private static string EndpointHint(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && response.RequestMessage?.RequestUri is { } uri &&
        uri.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? $" The chat path {uri.GetLeftPart(UriPartial.Path)} does not exist there: OpenRouterClientOptions.Endpoint must be the API base address, such as https://openrouter.ai/api/v1/."
            : string.Empty;

    /// <summary>A call that needs an API key, with none configured, to an endpoint that is not on this machine; nothing was sent.</summary>
    public static OpenRouterException MissingApiKey(Uri endpoint) =>
        new($"No OpenRouter API key is set, so nothing was sent to {endpoint.GetLeftPart(UriPartial.Authority)}. " +
            $"Set OpenRouterClientOptions.ApiKey (or pass the key to the constructor), or set the environment variable '{OpenRouterTransport.ApiKeyEnvironmentVariable}'.");

    /// <summary>Reads the <c>Retry-After</c> header in its delay-seconds or HTTP-date form.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter.Date is { } date)
        {
            TimeSpan wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static void ReadMetadata(JsonElement metadata, ref string? providerName, ref string? raw, ref string? flaggedInput, ref List<string>? reasons)
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
                        using JsonDocument inner = JsonDocument.Parse(text);
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

    private static string DescribeNonJsonBody(byte[] body, string? mediaType)
    {
        if (body.Length == 0)
        {
            return " with an empty body.";
        }

        string text = Encoding.UTF8.GetString(body);
        if (mediaType is "text/html" || text.TrimStart().StartsWith('<'))
        {
            // An HTML error page from a proxy: its <title> says more than the markup does.
            int start = text.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            int end = start < 0 ? -1 : text.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
            string title = end > start ? text[(start + 7)..end].Trim() : string.Empty;
            return title.Length > 0 ? $" with an HTML page: \"{title}\"." : " with an HTML page instead of JSON.";
        }

        const int MaxChars = 300;
        text = text.Trim();
        return text.Length <= MaxChars ? $": {text}" : $": {text[..MaxChars]}…";
    }

    private static async Task<byte[]> ReadPrefixAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = new byte[Math.Min(limit, 16 * 1024)];
            int total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length >= limit)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
    }
}
