using System.Buffers;
using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Text as providers split it: a JSON string may hold half of a surrogate pair (<c>"\ud83d"</c>) when an emoji was cut
/// between two stream deltas. The halves are joined across deltas; a half that stays alone is U+FFFD, as any UTF-16
/// decoder shows it, never a failure of the answer.
/// </summary>
internal static class WireText
{
    /// <summary>The replacement character, as the text of a content.</summary>
    public const string ReplacementText = "\uFFFD";

    /// <summary>
    /// U+D800–U+DFFF. A <see cref="SearchValues{T}"/> rather than <c>IndexOfAnyInRange</c>, which allocated 96 B per call
    /// on a short delta (ContentStreamBenchmarks: 634,744 B per stream against 538,728 B without the check).
    /// </summary>
    private static readonly SearchValues<char> Surrogates = SearchValues.Create(string.Create(0x800, 0, static (chars, _) =>
    {
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }
    }));

    /// <summary>
    /// Returns <paramref name="text"/> with a high surrogate held back from the previous delta put in front, and its own
    /// trailing high surrogate held back for the next one; any other lone surrogate becomes U+FFFD. Text without surrogates
    /// (nearly every delta) is returned as is, after one vectorized scan.
    /// </summary>
    /// <param name="text">The text of one delta.</param>
    /// <param name="held">The high surrogate held back from the previous delta of the same kind, or <c>'\0'</c>; updated.</param>
    public static string JoinSplitPair(string text, ref char held)
    {
        if (held == '\0' && !HasSurrogate(text))
        {
            return text;
        }

        if (held != '\0')
        {
            text = string.Concat(new ReadOnlySpan<char>(in held), text);
            held = '\0';
        }

        if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
        {
            held = text[^1];
            text = text[..^1];
        }

        return Repair(text);
    }

    /// <summary>Returns <paramref name="text"/> with every lone surrogate replaced by U+FFFD (the same instance when there is none).</summary>
    public static string Repair(string text)
    {
        if (!HasSurrogate(text))
        {
            return text;
        }

        StringBuilder? repaired = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                repaired?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                (repaired ??= new StringBuilder(text.Length).Append(text, 0, i)).Append('\uFFFD');
            }
            else
            {
                repaired?.Append(c);
            }
        }

        return repaired?.ToString() ?? text;
    }

    private static bool HasSurrogate(string text) => text.AsSpan().ContainsAny(Surrogates);
}
