using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// One HTTP request received by an <see cref="OpenRouterEmulator"/>, as recorded before it was answered.
/// </summary>
/// <remarks>
/// The value of the <c>Authorization</c> header is redacted: the scheme is kept and the credential is replaced with
/// <c>***</c> (for example <c>Bearer ***</c>), so recorded requests can be logged or snapshotted without leaking keys.
/// </remarks>
public sealed class RecordedRequest
{
    internal RecordedRequest(
        long sequence,
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> headers,
        string body,
        DateTimeOffset timestamp)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
        Timestamp = timestamp;
    }

    /// <summary>
    /// Records an outgoing request the way the emulator records what it receives, for an in-memory
    /// <see cref="HttpMessageHandler"/> that fakes OpenRouter without a socket.
    /// </summary>
    /// <param name="request">The request; its content, if any, is read (and so buffered).</param>
    /// <param name="sequence">The 1-based order of the request among those the caller records.</param>
    /// <param name="timestamp">The time at which the request was received.</param>
    /// <param name="cancellationToken">A token that cancels reading the content.</param>
    /// <returns>
    /// The record: the path and query as sent (percent-encoded), the headers of the request and of its content (sorted by
    /// name, the <c>Authorization</c> value redacted) and the body decoded as UTF-8.
    /// </returns>
    public static async Task<RecordedRequest> FromHttpRequestMessageAsync(
        HttpRequestMessage request,
        long sequence,
        DateTimeOffset timestamp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request has no absolute RequestUri.", nameof(request));
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = request.Content is null
            ? request.Headers
            : request.Headers.Concat(request.Content.Headers);
        foreach (KeyValuePair<string, IEnumerable<string>> header in all)
        {
            string value = string.Join(", ", header.Value);
            headers[header.Key] = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                ? RedactAuthorization(value)
                : value;
        }

        string body = request.Content is null
            ? string.Empty
            : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new RecordedRequest(sequence, request.Method.Method, uri.AbsolutePath, uri.Query, headers, body, timestamp);
    }

    /// <summary>Gets the 1-based order in which the emulator received this request.</summary>
    public long Sequence { get; }

    /// <summary>Gets the HTTP method, for example <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the request path, for example <c>/api/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the raw query string including the leading <c>?</c>, or an empty string.</summary>
    public string QueryString { get; }

    /// <summary>
    /// Gets the request headers (case-insensitive names; repeated values joined with <c>", "</c>).
    /// The <c>Authorization</c> value is redacted.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the request body decoded as UTF-8; empty when there was no body.</summary>
    public string Body { get; }

    /// <summary>Gets the time at which the request was received.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the (redacted) value of a header, or <see langword="null"/> when the header was absent.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The header value, or <see langword="null"/>.</returns>
    public string? GetHeader(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Parses the body as a mutable JSON node.</summary>
    /// <returns>The parsed node, or <see langword="null"/> when the body is empty or the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public JsonNode? BodyAsJsonNode() => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>Parses the body as a read-only JSON document. The caller disposes the document.</summary>
    /// <returns>The parsed document.</returns>
    /// <exception cref="JsonException">The body is empty or not valid JSON.</exception>
    public JsonDocument BodyAsJsonDocument() => JsonDocument.Parse(Body);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{QueryString}";

    internal static string RedactAuthorization(string value)
    {
        string trimmed = value.Trim();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? string.Concat(trimmed.AsSpan(0, space), " ***") : "***";
    }
}
