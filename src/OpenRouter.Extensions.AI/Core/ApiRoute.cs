using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// A path under the API base address (<c>keys/{hash}</c>, <c>models?category=…</c>), built from fixed parts and from
/// values that are validated and escaped one segment at a time, so that no value can leave its place in the path.
/// Every REST call of every client names its route with this type; nothing else in the package escapes a path or query.
/// </summary>
/// <remarks>
/// A value segment may not be empty or white space, <c>.</c> or <c>..</c> (which the URI resolver would turn into "this
/// folder" or "the parent folder": <c>keys/..</c> is <c>DELETE /api/v1/</c>), nor contain control characters; such a value
/// is refused with an <see cref="ArgumentException"/> naming the caller's parameter, before anything is sent. Everything
/// else, <c>/</c>, <c>?</c> and <c>%</c> included, is percent-escaped (RFC 3986 unreserved characters stay as they are).
/// </remarks>
internal sealed class ApiRoute
{
    private readonly StringBuilder _text;
    private bool _hasQuery;

    private ApiRoute(string fixedPath) => _text = new StringBuilder(fixedPath, fixedPath.Length + 32);

    /// <summary>Starts a route at a fixed path written by the library (<c>"keys"</c>, <c>"auth/keys/code"</c>); it is not escaped.</summary>
    /// <param name="fixedPath">The path, relative to the API base address, without a leading slash.</param>
    /// <returns>The route.</returns>
    public static ApiRoute Of(string fixedPath) => new(fixedPath);

    /// <summary>Appends <c>/</c> and a fixed part written by the library (<c>"endpoints"</c>); it is not escaped.</summary>
    /// <param name="fixedPart">The part.</param>
    /// <returns>This route.</returns>
    public ApiRoute Then(string fixedPart)
    {
        _text.Append('/').Append(fixedPart);
        return this;
    }

    /// <summary>Appends <c>/</c> and one caller-supplied value as a single, escaped path segment.</summary>
    /// <param name="value">The value, such as a key hash or a model author.</param>
    /// <param name="paramName">The caller's parameter, named in the exception.</param>
    /// <returns>This route.</returns>
    /// <exception cref="ArgumentException">The value is empty, <c>.</c>, <c>..</c> or holds a control character.</exception>
    public ApiRoute Segment(string value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ValidateSegment(value, paramName);
        _text.Append('/').Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Appends a model id <c>author/slug</c> as two escaped segments.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="paramName">The caller's parameter, named in the exception.</param>
    /// <returns>This route.</returns>
    /// <exception cref="ArgumentException">The id is not <c>author/slug</c>, or a part is not a valid segment.</exception>
    public ApiRoute ModelSegments(string modelId, [CallerArgumentExpression(nameof(modelId))] string? paramName = null)
    {
        (string author, string slug) = SplitModelId(modelId, paramName);
        return Segment(author, paramName).Segment(slug, paramName);
    }

    /// <summary>Appends <c>name=value</c> to the query, escaped; a <see langword="null"/> value is left out.</summary>
    /// <param name="name">The parameter name, written by the library.</param>
    /// <param name="value">The value.</param>
    /// <returns>This route.</returns>
    public ApiRoute Query(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _text.Append(_hasQuery ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    /// <summary>Appends <c>name=value</c> for a whole number, or nothing for <see langword="null"/>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This route.</returns>
    public ApiRoute Query(string name, long? value) => Query(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>The address of this route under <paramref name="baseAddress"/> (which ends with a slash).</summary>
    /// <param name="baseAddress">The API base address.</param>
    /// <returns>The absolute address.</returns>
    public Uri Resolve(Uri baseAddress) => new(baseAddress, _text.ToString());

    /// <summary>The query of <paramref name="query"/> (a route started with <c>Of("")</c>) appended to an absolute address, without its user info, query or fragment (a browser address such as OAuth's).</summary>
    /// <param name="address">The absolute address.</param>
    /// <param name="query">The route that holds the query.</param>
    /// <returns>The address with the query.</returns>
    public static Uri WithQuery(Uri address, ApiRoute query) => new(EndpointText.Describe(address) + query._text);

    /// <summary>Returns the relative path and query.</summary>
    /// <returns>The route as text.</returns>
    public override string ToString() => _text.ToString();

    /// <summary>Splits <c>author/slug</c> at the first slash; throws <see cref="ArgumentException"/> when either part is missing.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="paramName">The caller's parameter.</param>
    /// <returns>The author and the slug.</returns>
    public static (string Author, string Slug) SplitModelId(string modelId, string? paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId, paramName);
        int slash = modelId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == modelId.Length - 1)
        {
            throw new ArgumentException($"A model id has the form 'author/slug' (e.g. 'openai/gpt-4o'); got '{modelId}'.", paramName);
        }

        return (modelId[..slash], modelId[(slash + 1)..]);
    }

    private static void ValidateSegment(string value, string? paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value is "." or "..")
        {
            throw new ArgumentException($"'{value}' is not a valid path segment: it would address another resource than the one named.", paramName);
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("The value contains a control character, which cannot be part of a path segment.", paramName);
            }
        }
    }
}
