using System.Globalization;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>The exceptions of failures that are not an OpenRouter error object: broken, stalled or oversized answers, timeouts, a missing key.</summary>
internal static class Failures
{
    /// <summary>
    /// The one error path of the boundary: the exception to throw for <paramref name="exception"/>, met while sending a request
    /// or reading, decoding or mapping its answer, with every secret of <paramref name="redactor"/> replaced by <c>***</c>; or
    /// <see langword="null"/> when it is to be rethrown unchanged (the caller's own cancellation, or not a failure of the answer).
    /// </summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="redactor">The secrets of the client that sent the request.</param>
    /// <param name="callerToken">The caller's token: its cancellation is the caller's, not a failure.</param>
    /// <param name="generationId">The generation id known so far, for the exception.</param>
    /// <param name="idle">The stream's idle watch, when one was armed.</param>
    /// <returns>The redacted <see cref="OpenRouterException"/>, or <see langword="null"/>.</returns>
    /// <remarks>
    /// What a decoder throws on an answer it cannot read becomes a malformed-answer exception: JSON it cannot parse
    /// (<see cref="JsonException"/>), base64 or number text (<see cref="FormatException"/>), a value a .NET type refuses such
    /// as a media type or a lone surrogate (<see cref="ArgumentException"/>, <see cref="InvalidOperationException"/>), an
    /// amount beyond its type (<see cref="OverflowException"/>), a value of the wrong kind (<see cref="InvalidCastException"/>,
    /// <see cref="NotSupportedException"/>). A disposed client (<see cref="ObjectDisposedException"/>) is the caller's doing
    /// and is rethrown.
    /// </remarks>
    public static OpenRouterException? Map(Exception exception, SecretRedactor redactor, CancellationToken callerToken, string? generationId = null, IdleWatch? idle = null)
    {
        OpenRouterException? mapped = exception switch
        {
            OpenRouterException own => own,
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            OperationCanceledException when idle is { HasElapsed: true } => StreamStalled(idle.Timeout, generationId),
            OperationCanceledException => Timeout(exception, generationId),
            HttpRequestException or IOException => Transport(exception, generationId),
            ObjectDisposedException => null,
            JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException or
                InvalidCastException or NotSupportedException => MalformedResponse(exception, generationId),
            _ => null,
        };

        return mapped is null ? null : ExceptionRedaction.Redact(mapped, redactor);
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

    /// <summary>A call that needs an API key, with none configured, to an endpoint that is not on this machine; nothing was sent.</summary>
    public static OpenRouterException MissingApiKey(Uri endpoint) => new(OpenRouterEnvironment.MissingApiKeyMessage(endpoint));

    /// <summary>A successful JSON body larger than the library reads.</summary>
    public static OpenRouterException BodyTooLarge(long limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"OpenRouter's response is larger than {limit / (1024 * 1024)} MiB, the most a JSON answer may be; it was not read."));
}
