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
