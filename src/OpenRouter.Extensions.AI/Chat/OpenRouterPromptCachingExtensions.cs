using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Puts prompt-cache breakpoints (<c>cache_control</c>) on content parts, messages and tools. Each stores an
/// <see cref="OpenRouterCacheControl"/> as <c>AdditionalProperties["cache_control"]</c>, which the client writes on that part,
/// message or tool; the same key given by hand (any shape) works the same.
/// </summary>
/// <remarks>
/// On a user, system or developer message the breakpoint goes on its last text part (the message is sent as a parts array),
/// as OpenRouter's own SDKs do; on an assistant or tool message it goes on the message. For automatic caching of the whole
/// prompt use <see cref="OpenRouterChatOptionsExtensions.WithCacheControl"/> instead.
/// </remarks>
public static class OpenRouterPromptCachingExtensions
{
    /// <summary>The <c>AdditionalProperties</c> key of a breakpoint, <c>cache_control</c>.</summary>
    public const string CacheControlKey = "cache_control";

    /// <summary>Marks a content part (text, image, file…) as the end of a cached prefix.</summary>
    /// <typeparam name="TContent">The content type.</typeparam>
    /// <param name="content">The content part.</param>
    /// <param name="ttl">The cache lifetime (see <see cref="OpenRouterCacheControl.Ephemeral"/>); <see langword="null"/> for the provider's default.</param>
    /// <returns><paramref name="content"/>.</returns>
    public static TContent WithCacheControl<TContent>(this TContent content, TimeSpan? ttl = null)
        where TContent : AIContent
    {
        ArgumentNullException.ThrowIfNull(content);
        content.AdditionalProperties = AdditionalFields.Set(content.AdditionalProperties, CacheControlKey, OpenRouterCacheControl.Ephemeral(ttl));
        return content;
    }

    /// <summary>Marks a message as the end of a cached prefix.</summary>
    /// <param name="message">The message.</param>
    /// <param name="ttl">The cache lifetime; <see langword="null"/> for the provider's default.</param>
    /// <returns><paramref name="message"/>.</returns>
    public static ChatMessage WithCacheControl(this ChatMessage message, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.AdditionalProperties = AdditionalFields.Set(message.AdditionalProperties, CacheControlKey, OpenRouterCacheControl.Ephemeral(ttl));
        return message;
    }

    /// <summary>Returns the function with a breakpoint on its tool definition (tools come first in the prompt, so this caches them all).</summary>
    /// <param name="function">The function; still invocable through the returned wrapper.</param>
    /// <param name="ttl">The cache lifetime; <see langword="null"/> for the provider's default.</param>
    /// <returns>A function that forwards to <paramref name="function"/> and carries the breakpoint.</returns>
    public static AIFunction WithCacheControl(this AIFunction function, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new PropertiesFunction(function, With(function.AdditionalProperties, CacheControlKey, OpenRouterCacheControl.Ephemeral(ttl)));
    }

    /// <summary>Returns the declaration with a breakpoint on its tool definition.</summary>
    /// <param name="function">The function declaration.</param>
    /// <param name="ttl">The cache lifetime; <see langword="null"/> for the provider's default.</param>
    /// <returns>A declaration that forwards to <paramref name="function"/> and carries the breakpoint.</returns>
    public static AIFunctionDeclaration WithCacheControl(this AIFunctionDeclaration function, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function is AIFunction invocable
            ? invocable.WithCacheControl(ttl)
            : new PropertiesDeclaration(function, With(function.AdditionalProperties, CacheControlKey, OpenRouterCacheControl.Ephemeral(ttl)));
    }

    private static Dictionary<string, object?> With(IReadOnlyDictionary<string, object?> properties, string key, object value) =>
        new(properties, StringComparer.Ordinal) { [key] = value };

    private sealed class PropertiesFunction(AIFunction inner, IReadOnlyDictionary<string, object?> properties) : DelegatingAIFunction(inner)
    {
        public override IReadOnlyDictionary<string, object?> AdditionalProperties => properties;
    }

    /// <summary>A declaration that forwards to another and carries its own <c>AdditionalProperties</c> (MEAI's delegating declaration is not public).</summary>
    private sealed class PropertiesDeclaration(AIFunctionDeclaration inner, IReadOnlyDictionary<string, object?> properties) : AIFunctionDeclaration
    {
        public override string Name => inner.Name;

        public override string Description => inner.Description;

        public override System.Text.Json.JsonElement JsonSchema => inner.JsonSchema;

        public override System.Text.Json.JsonElement? ReturnJsonSchema => inner.ReturnJsonSchema;

        public override IReadOnlyDictionary<string, object?> AdditionalProperties => properties;

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);

        public override string ToString() => inner.ToString();
    }
}
