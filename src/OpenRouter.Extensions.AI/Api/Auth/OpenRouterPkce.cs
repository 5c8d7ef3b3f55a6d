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
    /// <exception cref="ArgumentException"><paramref name="callbackUrl"/> or <paramref name="apiEndpoint"/> is not absolute, or <paramref name="codeChallenge"/> is empty.</exception>
    public static Uri CreateAuthorizationUrl(Uri callbackUrl, string codeChallenge, Uri? apiEndpoint = null)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(codeChallenge);
        if (!callbackUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The callback address must be absolute.", nameof(callbackUrl));
        }

        return ApiRoute.WithQuery(
            apiEndpoint is null ? AuthorizationEndpoint : GetAuthorizationEndpoint(apiEndpoint),
            ApiRoute.Of(string.Empty)
                .Query("callback_url", callbackUrl.AbsoluteUri)
                .Query("code_challenge", codeChallenge)
                .Query("code_challenge_method", "S256"));
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
