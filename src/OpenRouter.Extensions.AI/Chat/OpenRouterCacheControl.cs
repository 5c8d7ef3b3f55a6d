using System.Globalization;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// A prompt-cache breakpoint, OpenRouter's <c>cache_control</c> (<c>{"type":"ephemeral","ttl":"1h"}</c>): on a content part,
/// message or tool it marks the end of a prefix the provider caches (Anthropic, Gemini, and OpenAI models with explicit caching);
/// at the top level of a request (<see cref="OpenRouterChatOptionsExtensions.WithCacheControl"/>) it asks for automatic caching.
/// </summary>
/// <remarks>Set it with the <c>WithCacheControl</c> extensions (<see cref="OpenRouterPromptCachingExtensions"/>), or as
/// <c>AdditionalProperties["cache_control"]</c> in any shape (this type, a dictionary, JSON).</remarks>
public sealed class OpenRouterCacheControl
{
    /// <summary>Gets or sets <c>type</c>; <c>ephemeral</c>, the only kind OpenRouter has.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "ephemeral";

    /// <summary>Gets or sets <c>ttl</c>: <c>5m</c> (the default when absent) or <c>1h</c>.</summary>
    [JsonPropertyName("ttl")]
    public string? Ttl { get; set; }

    /// <summary>Creates an ephemeral breakpoint.</summary>
    /// <param name="ttl">How long the provider keeps the cache: <see langword="null"/> for its default (5 minutes), or a whole number of minutes or hours (OpenRouter accepts 5 minutes and 1 hour).</param>
    /// <returns>The breakpoint.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> is not a positive whole number of minutes.</exception>
    public static OpenRouterCacheControl Ephemeral(TimeSpan? ttl = null) => new() { Ttl = ttl is { } t ? FormatTtl(t) : null };

    private static string FormatTtl(TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero || ttl.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A cache TTL is a positive whole number of minutes or hours (OpenRouter accepts 5 minutes and 1 hour).");
        }

        return ttl.Ticks % TimeSpan.TicksPerHour == 0
            ? ((long)ttl.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
            : ((long)ttl.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
    }
}
