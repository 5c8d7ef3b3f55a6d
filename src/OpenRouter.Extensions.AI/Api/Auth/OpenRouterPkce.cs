using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Helpers for OpenRouter's OAuth PKCE flow (RFC 7636, S256 only): make a code verifier, its challenge, and the address to open in the browser.
/// </summary>
/// <remarks>
/// The flow: <see cref="CreateCodeVerifier"/> → <see cref="CreateCodeChallenge"/> → open <see cref="CreateAuthorizationUrl"/> in the
/// user's browser → OpenRouter redirects to your callback with <c>?code=…</c> → <see cref="OpenRouterAuthClient.ExchangeCodeAsync"/>
/// with that code and the verifier. Keep the verifier secret until the exchange.
/// </remarks>
public static class OpenRouterPkce
{
    /// <summary>The address of OpenRouter's authorization page, for the default <see cref="OpenRouterClientOptions.Endpoint"/>.</summary>
    public static Uri AuthorizationEndpoint { get; } = new("https://openrouter.ai/auth");

    private const string UnreservedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /// <summary>Creates a random code verifier of unreserved characters (<c>A–Z a–z 0–9 - . _ ~</c>) from <see cref="RandomNumberGenerator"/>.</summary>
    /// <param name="length">The length, 43 to 128 (RFC 7636); 64 by default.</param>
    /// <returns>The code verifier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is outside 43–128.</exception>
    public static string CreateCodeVerifier(int length = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 43);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 128);
        return RandomNumberGenerator.GetString(UnreservedCharacters, length);
    }

    /// <summary>Computes the S256 code challenge of a verifier: base64url (no padding) of its SHA-256.</summary>
    /// <param name="codeVerifier">The code verifier: 43 to 128 unreserved characters.</param>
    /// <returns>The code challenge.</returns>
    /// <exception cref="ArgumentException"><paramref name="codeVerifier"/> is not a valid RFC 7636 verifier.</exception>
    public static string CreateCodeChallenge(string codeVerifier)
    {
        ValidateVerifier(codeVerifier);
        byte[] hash = SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier));
#if NET9_0_OR_GREATER
        return Base64Url.EncodeToString(hash);
#else
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#endif
    }

    /// <summary>
    /// Gets the authorization page that belongs to an API base address: the <c>auth</c> page beside its <c>api/</c> path
    /// (<c>https://openrouter.ai/api/v1/</c> gives <c>https://openrouter.ai/auth</c>), or at its root when it has none.
    /// </summary>
    /// <param name="apiEndpoint">The API base address, e.g. the configured <see cref="OpenRouterClientOptions.Endpoint"/>.</param>
    /// <returns>The authorization page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="apiEndpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="apiEndpoint"/> is not absolute.</exception>
    public static Uri GetAuthorizationEndpoint(Uri apiEndpoint)
    {
        ArgumentNullException.ThrowIfNull(apiEndpoint);
        if (!apiEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The API endpoint must be absolute.", nameof(apiEndpoint));
        }

        string path = apiEndpoint.AbsolutePath;
        int api = path.LastIndexOf("/api/", StringComparison.OrdinalIgnoreCase);

        // An address for the user's browser: never with the user info an endpoint may carry.
        return new Uri(EndpointText.WithoutUserInfo(apiEndpoint), (api >= 0 ? path[..(api + 1)] : "/") + "auth");
    }

    /// <summary>
    /// Builds the browser address that asks the user to authorize your application:
    /// <c>https://openrouter.ai/auth?callback_url=…&amp;code_challenge=…&amp;code_challenge_method=S256</c> (values escaped).
    /// </summary>
    /// <param name="callbackUrl">Where OpenRouter redirects with the code, e.g. <c>http://localhost:3000/callback</c>.</param>
    /// <param name="codeChallenge">The challenge from <see cref="CreateCodeChallenge"/>.</param>
    /// <param name="apiEndpoint">
    /// The configured <see cref="OpenRouterClientOptions.Endpoint"/>, whose authorization page (<see cref="GetAuthorizationEndpoint"/>)
    /// is used; <see langword="null"/> for <see cref="AuthorizationEndpoint"/>.
    /// </param>
    /// <returns>The address to open.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callbackUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="callbackUrl"/> is not an address an authorization code may be sent to (RFC 8252 §7, RFC 9700 §2.1): <c>https</c>,
    /// <c>http</c> to a loopback address (<c>127.0.0.1</c>, <c>[::1]</c>, <c>localhost</c>), or a private-use scheme in reverse-domain form
    /// (<c>com.example.app:/callback</c>), without a fragment; the message names the rule. Or <paramref name="apiEndpoint"/> is not absolute,
    /// or <paramref name="codeChallenge"/> is empty.
    /// </exception>
    public static Uri CreateAuthorizationUrl(Uri callbackUrl, string codeChallenge, Uri? apiEndpoint = null)
    {
        CheckCallbackUrl(callbackUrl, nameof(callbackUrl));
        ArgumentException.ThrowIfNullOrWhiteSpace(codeChallenge);

        return ApiRoute.WithQuery(
            apiEndpoint is null ? AuthorizationEndpoint : GetAuthorizationEndpoint(apiEndpoint),
            ApiRoute.Of(string.Empty)
                .Query("callback_url", callbackUrl.AbsoluteUri)
                .Query("code_challenge", codeChallenge)
                .Query("code_challenge_method", "S256"));
    }

    /// <summary>
    /// Checks a callback address of the PKCE flow against the rules for where an authorization code may be sent (RFC 8252 §7,
    /// RFC 9700 §2.1): <c>https</c>; <c>http</c> only to a loopback address (<c>127.0.0.1</c>, <c>[::1]</c>, <c>localhost</c>), for apps
    /// on the user's machine; or a private-use scheme named after a domain the app controls, in reverse order (<c>com.example.app:/callback</c>).
    /// Anything else (<c>javascript:</c>, <c>data:</c>, <c>file:</c>, plain <c>http</c> to another host) would hand the code to a page or
    /// host nobody vouches for. A fragment is refused too: the code is appended as a query (RFC 6749 §3.1.2).
    /// </summary>
    /// <returns><paramref name="callbackUrl"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callbackUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="callbackUrl"/> breaks a rule; the message names it.</exception>
    internal static Uri CheckCallbackUrl(Uri callbackUrl, string paramName)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl, paramName);
        if (!callbackUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The callback address must be absolute.", paramName);
        }

        string scheme = callbackUrl.Scheme;
        if (scheme == Uri.UriSchemeHttp && !callbackUrl.IsLoopback)
        {
            throw new ArgumentException(
                $"A plain http callback address must be a loopback address (127.0.0.1, [::1] or localhost), not '{callbackUrl.Host}'; use https " +
                "(RFC 8252 §7.3, RFC 9700 §2.1).",
                paramName);
        }

        if (scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps && !scheme.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The callback address must use https, http to a loopback address, or a private-use scheme in reverse-domain form such as " +
                $"com.example.app:/callback (RFC 8252 §7, RFC 9700 §2.1); '{scheme}:' is none of them.",
                paramName);
        }

        return callbackUrl.Fragment.Length > 0
            ? throw new ArgumentException("The callback address must not contain a fragment ('#…'): the code is added to its query (RFC 6749 §3.1.2).", paramName)
            : callbackUrl;
    }

    private static void ValidateVerifier(string codeVerifier)
    {
        ArgumentNullException.ThrowIfNull(codeVerifier);
        if (codeVerifier.Length is < 43 or > 128)
        {
            throw new ArgumentException("A code verifier has 43 to 128 characters (RFC 7636).", nameof(codeVerifier));
        }

        foreach (char c in codeVerifier)
        {
            if (!UnreservedCharacters.Contains(c, StringComparison.Ordinal))
            {
                throw new ArgumentException("A code verifier contains only A-Z, a-z, 0-9, '-', '.', '_' and '~' (RFC 7636).", nameof(codeVerifier));
            }
        }
    }
}
