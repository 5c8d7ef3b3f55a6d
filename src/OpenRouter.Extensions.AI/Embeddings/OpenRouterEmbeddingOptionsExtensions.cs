using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Sets OpenRouter's <c>/embeddings</c> request fields on <see cref="EmbeddingGenerationOptions"/>. Each value is stored in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under its wire name, as on the chat side.
/// </summary>
public static class OpenRouterEmbeddingOptionsExtensions
{
    /// <summary>Sets <c>provider</c>: which upstream providers may serve the request.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="routing">The routing preferences.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static EmbeddingGenerationOptions WithProviderRouting(this EmbeddingGenerationOptions options, OpenRouterProviderRouting routing) =>
        Set(options, "provider", routing);

    /// <summary>Sets <c>input_type</c>, for models that embed queries and documents differently (e.g. <c>search_query</c>, <c>search_document</c>).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="inputType">The input type.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static EmbeddingGenerationOptions WithInputType(this EmbeddingGenerationOptions options, string inputType) => Set(options, "input_type", inputType);

    /// <summary>Sets <c>user</c>: a stable id of your end user, for abuse detection.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="user">The user id.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static EmbeddingGenerationOptions WithUser(this EmbeddingGenerationOptions options, string user) => Set(options, "user", user);

    /// <summary>
    /// Sets OpenRouter's session id, sent as the <c>x-session-id</c> header (this endpoint takes no <c>session_id</c> in the body), so the
    /// request is grouped with the chat requests of the same session in OpenRouter's logs (at most 256 characters).
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="sessionId">The session id.</param>
    /// <returns><paramref name="options"/>.</returns>
    public static EmbeddingGenerationOptions WithSessionId(this EmbeddingGenerationOptions options, string sessionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return Set(options, OpenRouterTransport.SessionIdKey, sessionId);
    }

    private static EmbeddingGenerationOptions Set(EmbeddingGenerationOptions options, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AdditionalProperties = AdditionalFields.Set(options.AdditionalProperties, name, value);
        return options;
    }
}
