namespace OpenRouter.Extensions.AI;

/// <summary>
/// Checks the header names and values the library sends (attribution from the options, headers given for one request),
/// at the moment they are configured, so that a value can neither add a header of its own nor fail every request later.
/// </summary>
/// <remarks>
/// A header value is visible ASCII, spaces and tabs (RFC 9110 field-value, without obsolete octets). A line break or any
/// other control character is refused: <c>"x\r\nX-Injected: 1"</c> would put a header of its own on the wire. Other
/// non-ASCII characters are refused too: HTTP gives them no encoding OpenRouter decodes, and .NET's HTTP client fails the
/// request on them (so <c>AppTitle = "Café ☕"</c> would make every request fail). A header name is an RFC 9110 token.
/// </remarks>
internal static class HeaderValues
{
    /// <summary>Returns <paramref name="value"/> when it can be sent as a header value; otherwise throws.</summary>
    /// <param name="value">The value.</param>
    /// <param name="source">What the value was configured as, named in the exception (e.g. <c>OpenRouterClientOptions.AppTitle</c>).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The value holds a control character or a non-ASCII character.</exception>
    public static string Validate(string value, string source)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '\t' || (c >= ' ' && c < 0x7F))
            {
                continue;
            }

            throw new ArgumentException(
                c is '\r' or '\n' || char.IsControl(c)
                    ? $"{source} contains a line break or another control character (at position {i}), which HTTP headers cannot carry: it could add a header of its own to the request."
                    : $"{source} contains the non-ASCII character '{value[i]}' (at position {i}); HTTP header values are ASCII. Use an ASCII spelling.",
                source);
        }

        return value;
    }

    /// <summary>Returns <paramref name="name"/> when it is a valid header name (an RFC 9110 token); otherwise throws.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="source">What the header was configured as, named in the exception.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The name is empty or holds a character a token may not.</exception>
    public static string ValidateName(string name, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, source);
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"{source}: '{name}' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only).", source);
            }
        }

        return name;
    }
}
