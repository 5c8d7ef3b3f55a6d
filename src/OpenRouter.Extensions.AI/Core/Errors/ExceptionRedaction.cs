using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>Replaces every secret the boundary knows with <c>***</c> in every text an <see cref="OpenRouterException"/> carries.</summary>
internal static class ExceptionRedaction
{
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
        ChainFinds(exception.InnerException, redactor);

    /// <summary>Whether the message of <paramref name="exception"/> or of one of its inner exceptions holds the key.</summary>
    private static bool ChainFinds(Exception? exception, SecretRedactor redactor)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (redactor.Finds(exception.Message))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An inner exception chain that holds the key in a message is rebuilt with the messages redacted (exceptions of the
    /// common kinds keep their kind, others become <see cref="InvalidOperationException"/>; stack traces are not kept); a
    /// chain without the key is kept as it is, with its types and stack traces.
    /// </summary>
    private static Exception? RedactInner(Exception? inner, SecretRedactor redactor)
    {
        if (inner is null || !ChainFinds(inner, redactor))
        {
            return inner;
        }

        Exception? next = RedactInner(inner.InnerException, redactor);
        string message = redactor.Redact(inner.Message);
        return inner switch
        {
            JsonException => new JsonException(message, next),
            TimeoutException => new TimeoutException(message, next),
            HttpRequestException http => new HttpRequestException(message, next, http.StatusCode),
            IOException => new IOException(message, next),
            _ => new InvalidOperationException(message, next),
        };
    }
}
