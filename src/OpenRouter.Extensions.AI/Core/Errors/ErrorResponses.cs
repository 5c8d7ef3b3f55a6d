using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>Turns an HTTP response with an error status (or a redirect, which is not followed) into <see cref="OpenRouterException"/>.</summary>
internal static class ErrorResponses
{
    /// <summary>The most bytes of an error body that are read; error bodies are small, an HTML error page need not be read whole.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// Builds the exception for a non-success HTTP response (the boundary redacts it). Reads at most
    /// <see cref="MaxErrorBodyBytes"/> of the body; does not dispose the response.
    /// </summary>
    public static async Task<OpenRouterException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        TimeSpan? retryAfter = RetryAfterHeaders.GetRetryAfter(response);
        int status = (int)response.StatusCode;
        string reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        if (status is >= 300 and < 400)
        {
            // The library's own clients do not follow redirects: a POST would be re-sent, prompt and all, to the other address.
            string location = response.Headers.NonValidated.TryGetValues("Location", out HeaderStringValues values) ? values.ToString() : "(no Location header)";
            return new OpenRouterException(string.Create(
                CultureInfo.InvariantCulture,
                $"OpenRouter answered HTTP {status} ({reason}), a redirect to '{location}', which is not followed: the request and its prompt are not sent to another address. Check OpenRouterClientOptions.Endpoint."))
            {
                StatusCode = response.StatusCode,
                ErrorCode = status.ToString(CultureInfo.InvariantCulture),
                RetryAfter = retryAfter,
            };
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

        if (body is not null && ErrorObjects.TryParseErrorObject(body, out JsonElement error))
        {
            return ErrorObjects.FromErrorObject(error, response.StatusCode, retryAfter, generationId: null, modelId: null);
        }

        string text = body is null ? " with a body that could not be read." : DescribeNonJsonBody(body, response.Content.Headers.ContentType?.MediaType);
        return new OpenRouterException(string.Create(CultureInfo.InvariantCulture, $"OpenRouter returned HTTP {status} ({reason}){text}{EndpointHint(response)}"))
            {
                StatusCode = response.StatusCode,
                ErrorCode = status.ToString(CultureInfo.InvariantCulture),
                RetryAfter = retryAfter,
            };
    }

    /// <summary>
    /// For a 404 on the chat path that is not an OpenRouter error: the usual cause is an endpoint without the API path
    /// (<c>https://openrouter.ai/</c> instead of <c>https://openrouter.ai/api/v1/</c>), so say so.
    /// </summary>
    private static string EndpointHint(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && response.RequestMessage?.RequestUri is { } uri &&
        uri.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? $" The chat path {EndpointText.Describe(uri)} does not exist there: OpenRouterClientOptions.Endpoint must be the API base address, such as https://openrouter.ai/api/v1/."
            : string.Empty;

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
        return text.Length <= ErrorObjects.MaxReasonChars ? $": {text}" : $": {text[..ErrorObjects.MaxReasonChars]}…";
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
