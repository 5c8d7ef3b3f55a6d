using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>Builds escaped relative paths and query strings for the REST API and validates model ids.</summary>
internal static class OpenRouterApiPaths
{
    /// <summary>Splits <c>author/slug</c> at the first slash; throws <see cref="ArgumentException"/> when either part is missing.</summary>
    public static (string Author, string Slug) SplitModelId(string modelId, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId, paramName);
        int slash = modelId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == modelId.Length - 1)
        {
            throw new ArgumentException($"A model id has the form 'author/slug' (e.g. 'openai/gpt-4o'); got '{modelId}'.", paramName);
        }

        return (modelId[..slash], modelId[(slash + 1)..]);
    }

    /// <summary>Validates and escapes one path segment.</summary>
    public static string Segment(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return Uri.EscapeDataString(value);
    }

    /// <summary>Appends <c>name=value</c> (escaped) to a path, with <c>?</c> or <c>&amp;</c> as needed; skips a null value.</summary>
    public static StringBuilder AppendQuery(this StringBuilder path, string name, string? value)
    {
        if (value is null)
        {
            return path;
        }

        bool first = path.ToString().IndexOf('?', StringComparison.Ordinal) < 0;
        return path.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    /// <summary>The failure for a 200 answer that lacks its <c>data</c> member.</summary>
    public static OpenRouterException MissingData() => MissingMember("data");

    /// <summary>The failure for a 200 answer that lacks a member it must have (or has it as <c>null</c> or empty).</summary>
    public static OpenRouterException MissingMember(string name) => new($"OpenRouter sent a response without its '{name}' member.");

    /// <summary>The entries of a <c>data</c> list, without <see langword="null"/> entries; a missing list is <see cref="MissingData"/>.</summary>
    public static IReadOnlyList<T> Items<T>(List<T>? data)
        where T : class
    {
        if (data is null)
        {
            throw MissingData();
        }

        data.RemoveAll(static item => item is null);
        return data;
    }
}
