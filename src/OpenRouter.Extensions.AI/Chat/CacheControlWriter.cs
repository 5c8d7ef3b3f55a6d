using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Writes prompt-cache breakpoints (<c>cache_control</c>) found in the <c>AdditionalProperties</c> of a content part or a message
/// (<see cref="OpenRouterPromptCachingExtensions"/>) onto the part or message they belong to.
/// </summary>
internal static class CacheControlWriter
{
    /// <summary>The breakpoint stored on a part or message, or <see langword="null"/>.</summary>
    public static object? Of(AdditionalPropertiesDictionary? properties) =>
        properties is { Count: > 0 } && properties.TryGetValue(OpenRouterPromptCachingExtensions.CacheControlKey, out object? value) ? value : null;

    /// <summary>Whether the message or any of its parts carries a breakpoint.</summary>
    public static bool Any(ChatMessage message)
    {
        if (Of(message.AdditionalProperties) is not null)
        {
            return true;
        }

        // An indexed loop: foreach over IList<AIContent> would box an enumerator for every system message (bench (d)).
        IList<AIContent> contents = message.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            if (Of(contents[i].AdditionalProperties) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The index of the part that carries a message-level breakpoint: the last text part (as OpenRouter's own SDKs place it),
    /// else the last part; -1 when there is none.
    /// </summary>
    public static int MessageBreakpointIndex(IList<AIContent> contents, Func<AIContent, bool> isPart)
    {
        int last = -1;
        for (int i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i] is TextContent)
            {
                return i;
            }

            if (last < 0 && isPart(contents[i]))
            {
                last = i;
            }
        }

        return last;
    }

    /// <summary>Writes <c>"cache_control":…</c> when <paramref name="value"/> is set.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        if (value is not null)
        {
            JsonValueWriter.WriteField(writer, new(OpenRouterPromptCachingExtensions.CacheControlKey, value), "AdditionalProperties");
        }
    }
}
