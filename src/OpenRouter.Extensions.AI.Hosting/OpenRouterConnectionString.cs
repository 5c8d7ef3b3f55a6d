using System.Data.Common;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads an Aspire-style connection string, <c>Endpoint=https://openrouter.ai/api/v1;Key=sk-or-…;Model=openai/gpt-4o-mini</c>
/// (what Aspire's OpenAI hosting emits for <c>AddOpenAI(…)</c> and its models), into <see cref="OpenRouterClientOptions"/>.
/// </summary>
/// <remarks>
/// Keys are case-insensitive; values may be quoted (<c>Key='a;b'</c>). Each key present replaces the option it names; absent
/// keys leave the options as configured. Other keys are ignored, as Aspire's clients do. <c>Deployment</c> is read like
/// <c>Model</c> (Aspire accepts either), but not both at once.
/// </remarks>
internal static class OpenRouterConnectionString
{
    /// <summary>Which default model a connection string's <c>Model</c> sets.</summary>
    internal enum ModelKind
    {
        Chat,
        Embedding,
        Image,
    }

    /// <summary>Applies <paramref name="connectionString"/> to <paramref name="options"/>.</summary>
    /// <param name="options">The options, already bound from the configuration section.</param>
    /// <param name="connectionString">The connection string; nothing happens when it is <see langword="null"/> or blank.</param>
    /// <param name="name">The connection string's name, for messages (<c>ConnectionStrings:{name}</c>).</param>
    /// <param name="model">Which default model <c>Model</c> sets.</param>
    /// <exception cref="InvalidOperationException">The string cannot be parsed, its <c>Endpoint</c> is not an absolute address, or it has both <c>Model</c> and <c>Deployment</c>.</exception>
    public static void Apply(OpenRouterClientOptions options, string? connectionString, string name, ModelKind model)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var parsed = new DbConnectionStringBuilder();
        try
        {
            parsed.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // The parser's message quotes the string, which holds the key: name the setting only.
            throw new InvalidOperationException(
                $"The connection string 'ConnectionStrings:{name}' is not in the form 'Endpoint=https://openrouter.ai/api/v1;Key=sk-or-…;Model=openai/gpt-4o-mini'.");
        }

        if (Value(parsed, "Endpoint") is { } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new InvalidOperationException($"The Endpoint of the connection string 'ConnectionStrings:{name}' is not an absolute address: '{endpoint}'.");
        }

        if (Value(parsed, "Key") is { } key)
        {
            options.ApiKey = key;
        }

        string? modelId = Value(parsed, "Model");
        string? deployment = Value(parsed, "Deployment");
        if (modelId is not null && deployment is not null)
        {
            throw new InvalidOperationException($"The connection string 'ConnectionStrings:{name}' has both Model and Deployment: give one.");
        }

        if ((modelId ?? deployment) is { } id)
        {
            switch (model)
            {
                case ModelKind.Embedding:
                    options.DefaultEmbeddingModelId = id;
                    break;
                case ModelKind.Image:
                    options.DefaultImageModelId = id;
                    break;
                default:
                    options.DefaultModelId = id;
                    break;
            }
        }
    }

    private static string? Value(DbConnectionStringBuilder parsed, string key) =>
        parsed.TryGetValue(key, out object? value) && value?.ToString() is { Length: > 0 } text ? text : null;
}
