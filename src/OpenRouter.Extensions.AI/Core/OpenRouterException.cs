using System.Net;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The one exception every OpenRouter failure surfaces as: an HTTP error status, an HTTP 200 whose body is an
/// error object, an error sent inside a stream, a stream that ends early or stalls, or a broken connection.
/// </summary>
/// <remarks>
/// Properties mirror OpenRouter's error object (<c>{"error":{"code","message","metadata"}}</c>). The message and
/// every property come from the server's answer and never contain the API key.
/// </remarks>
public sealed class OpenRouterException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The error message.</param>
    public OpenRouterException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public OpenRouterException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance with no message.</summary>
    public OpenRouterException()
    {
    }

    /// <summary>Gets the HTTP status code of the response, or <see langword="null"/> when no response status applies (a broken connection).</summary>
    /// <remarks>For an error sent inside a 200 response or a stream, this is the status OpenRouter put in <c>error.code</c> when it is numeric.</remarks>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets OpenRouter's <c>error.code</c> as text (the wire sends a number such as <c>429</c> or a string such as <c>server_error</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the name of the upstream provider that failed (<c>error.metadata.provider_name</c>).</summary>
    public string? ProviderName { get; init; }

    /// <summary>Gets the upstream provider's raw error (<c>error.metadata.raw</c>); a JSON document sent as a string is unwrapped to its JSON text.</summary>
    public string? ProviderRawError { get; init; }

    /// <summary>Gets the moderation reasons (<c>error.metadata.reasons</c>) when the input was flagged.</summary>
    public IReadOnlyList<string>? ModerationReasons { get; init; }

    /// <summary>Gets the flagged input (<c>error.metadata.flagged_input</c>) when the input was flagged by moderation.</summary>
    public string? FlaggedInput { get; init; }

    /// <summary>Gets the whole <c>error.metadata</c> object, for fields this type does not name.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Gets the delay the server asked for in its <c>Retry-After</c> header (429 and 503 responses).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the generation id (the response <c>id</c>) when the error arrived after a generation started.</summary>
    public string? GenerationId { get; init; }

    /// <summary>Gets the model that served the failed generation, when known.</summary>
    public string? ModelId { get; init; }
}
