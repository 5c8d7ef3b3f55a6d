using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The most characters of a provider's own reason quoted in a message.</summary>
    private const int MaxReasonChars = 300;

    /// <summary>Error bodies are parsed with the library's one depth limit.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = OpenRouterJson.MaxDepth };

    /// <summary>
    /// Builds the exception for a non-success HTTP response, redacted with <paramref name="redactor"/>. Reads at most
    /// <see cref="MaxErrorBodyBytes"/> of the body; does not dispose the response.
    /// </summary>
    public static async Task<OpenRouterException> FromResponseAsync(HttpResponseMessage response, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        TimeSpan? retryAfter = GetRetryAfter(response);
        int status = (int)response.StatusCode;
        string reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        if (status is >= 300 and < 400)
        {
            // The library's own clients do not follow redirects: a POST would be re-sent, prompt and all, to the other address.
            string location = response.Headers.NonValidated.TryGetValues("Location", out HeaderStringValues values) ? values.ToString() : "(no Location header)";
            return Redact(
                new OpenRouterException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"OpenRouter answered HTTP {status} ({reason}), a redirect to '{location}', which is not followed: the request and its prompt are not sent to another address. Check OpenRouterClientOptions.Endpoint."))
                {
                    StatusCode = response.StatusCode,
                    ErrorCode = status.ToString(CultureInfo.InvariantCulture),
                    RetryAfter = retryAfter,
                },
                redactor);
        }

        byte[]? body;
        try
        {
            body = await ReadPrefixAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            body = null;
        }

        if (body is not null && TryParseErrorObject(body, out JsonElement error))
        {
            return Redact(FromErrorObject(error, response.StatusCode, retryAfter, generationId: null, modelId: null), redactor);
        }

        string text = body is null ? " with a body that could not be read." : DescribeNonJsonBody(body, response.Content.Headers.ContentType?.MediaType);
        return Redact(
            new OpenRouterException(string.Create(CultureInfo.InvariantCulture, $"OpenRouter returned HTTP {status} ({reason}){text}{EndpointHint(response)}"))
            {
                StatusCode = response.StatusCode,
                ErrorCode = status.ToString(CultureInfo.InvariantCulture),
                RetryAfter = retryAfter,
            },
            redactor);
    }

    /// <summary>
    /// Returns <paramref name="exception"/>, or a copy in which the API key is replaced by <c>***</c> wherever the server's
    /// text put it: message, every property, <see cref="OpenRouterException.Metadata"/> and the inner exception.
    /// </summary>
    public static OpenRouterException Redact(OpenRouterException exception, SecretRedactor redactor)
    {
        if (!ContainsSecret(exception, redactor))
        {
            return exception;
        }

        return new OpenRouterException(redactor.Redact(exception.Message), RedactInner(exception.InnerException, redactor))
        {
            StatusCode = exception.StatusCode,
            ErrorCode = redactor.Redact(exception.ErrorCode),
            Metadata = exception.Metadata is { } metadata ? redactor.Redact(metadata) : null,
            ProviderName = redactor.Redact(exception.ProviderName),
            ProviderRawError = redactor.RedactJsonText(exception.ProviderRawError),
            FlaggedInput = redactor.Redact(exception.FlaggedInput),
            ModerationReasons = exception.ModerationReasons?.Select(r => redactor.Redact(r)).ToList(),
            RetryAfter = exception.RetryAfter,
            GenerationId = redactor.Redact(exception.GenerationId),
            ModelId = redactor.Redact(exception.ModelId),
        };
    }

    /// <summary>Whether the API key is anywhere in <paramref name="exception"/>.</summary>
    public static bool ContainsSecret(OpenRouterException exception, SecretRedactor redactor) =>
        redactor.Finds(exception.Message) || redactor.Finds(exception.ErrorCode) || redactor.Finds(exception.ProviderName) ||
        redactor.Finds(exception.ProviderRawError) || redactor.Finds(exception.FlaggedInput) || redactor.Finds(exception.GenerationId) ||
        redactor.Finds(exception.ModelId) || (exception.ModerationReasons?.Any(redactor.Finds) ?? false) ||
        (exception.Metadata is { } metadata && redactor.Finds(metadata)) ||
        (exception.ProviderRawError is { } raw && redactor.RedactJsonText(raw) != raw) ||
        redactor.Finds(exception.InnerException?.ToString());

    /// <summary>An inner exception whose text holds the key is replaced by one of the same kind with the text redacted (no stack trace).</summary>
    private static Exception? RedactInner(Exception? inner, SecretRedactor redactor)
    {
        if (inner is null || !redactor.Finds(inner.ToString()))
        {
            return inner;
        }

        string message = redactor.Redact(inner.Message);
        return inner switch
        {
            JsonException => new JsonException(message),
            TimeoutException => new TimeoutException(message),
            HttpRequestException http => new HttpRequestException(message, null, http.StatusCode),
            IOException => new IOException(message),
            _ => new InvalidOperationException(message),
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
            RetryAfter = retryAfter ?? (status == HttpStatusCode.TooManyRequests ? FromRateLimitReset(rateLimitReset) : null),
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

    /// <summary>A connection that failed while sending the request or reading the response, or a body that could not be decoded.</summary>
    public static OpenRouterException Transport(Exception inner, string? generationId = null) =>
        new((inner is UnreadableBodyException ? "OpenRouter's response could not be read: " : "The connection to OpenRouter failed: ") + inner.Message, inner)
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
    public static OpenRouterException MissingApiKey(Uri endpoint) => new(OpenRouterEnvironment.MissingApiKeyMessage(endpoint));


    /// <summary>A successful JSON body larger than the library reads.</summary>
    public static OpenRouterException BodyTooLarge(long limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"OpenRouter's response is larger than {limit / (1024 * 1024)} MiB, the most a JSON answer may be; it was not read."));

    /// <summary>
    /// Reads the <c>Retry-After</c> header in its delay-seconds or HTTP-date form; on a 429 without it, the
    /// <c>X-RateLimit-Reset</c> header (see <see cref="FromRateLimitReset"/>).
    /// </summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests &&
                response.Headers.NonValidated.TryGetValues("X-RateLimit-Reset", out HeaderStringValues reset)
                ? FromRateLimitReset(reset.ToString())
                : null;
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

    /// <summary>
    /// The wait until an <c>X-RateLimit-Reset</c> time: OpenRouter sends Unix milliseconds; Unix seconds and a number of
    /// seconds to wait are read too. A past time is zero; anything else is <see langword="null"/>.
    /// </summary>
    public static TimeSpan? FromRateLimitReset(string? value)
    {
        if (!long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return null;
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        TimeSpan wait = number switch
        {
            >= 100_000_000_000 and <= 253_402_300_799_000 => DateTimeOffset.FromUnixTimeMilliseconds(number) - now,
            >= 1_000_000_000 and <= 253_402_300_799 => DateTimeOffset.FromUnixTimeSeconds(number) - now,
            < 1_000_000_000 => TimeSpan.FromSeconds(number),
            _ => TimeSpan.MinValue,
        };
        return wait == TimeSpan.MinValue ? null : wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
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

    private static string DescribeNonJsonBody(byte[] body, string? mediaType)
    {
        if (body.Length == 0)
        {
            return " with an empty body.";
        }

        string text = Encoding.UTF8.GetString(body);
        if (string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('<'))
        {
            // An HTML error page from a proxy: its <title> says more than the markup does.
            int start = text.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            int end = start < 0 ? -1 : text.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
            string title = end > start ? text[(start + 7)..end].Trim() : string.Empty;
            return title.Length > 0 ? $" with an HTML page: \"{title}\"." : " with an HTML page instead of JSON.";
        }

        text = text.Trim();
        return text.Length <= MaxReasonChars ? $": {text}" : $": {text[..MaxReasonChars]}…";
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
