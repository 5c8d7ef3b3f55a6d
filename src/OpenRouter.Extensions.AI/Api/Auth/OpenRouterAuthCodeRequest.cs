using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>The settings of a PKCE authorization code (body of <c>POST /auth/keys/code</c>).</summary>
public sealed record OpenRouterAuthCodeRequest
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="callbackUrl">The address OpenRouter redirects to with the code: https, http to a loopback address, or a private-use scheme.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callbackUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="callbackUrl"/> is none of those (or has a fragment); the message names the rule.</exception>
    public OpenRouterAuthCodeRequest(Uri callbackUrl) => CallbackUrl = OpenRouterPkce.CheckCallbackUrl(callbackUrl, nameof(callbackUrl));

    /// <summary>
    /// Gets the address OpenRouter redirects to with the code (<c>callback_url</c>): <c>https</c>, <c>http</c> to a loopback address, or a
    /// private-use scheme in reverse-domain form (RFC 8252 §7); anything else is refused with an <see cref="ArgumentException"/>.
    /// </summary>
    public Uri CallbackUrl { get; init => field = OpenRouterPkce.CheckCallbackUrl(value, nameof(CallbackUrl)); }

    /// <summary>Gets the PKCE code challenge (<c>code_challenge</c>), e.g. from <see cref="OpenRouterPkce.CreateCodeChallenge"/>.</summary>
    public string? CodeChallenge { get; init; }

    /// <summary>Gets the challenge method (<c>code_challenge_method</c>); use <see cref="OpenRouterCodeChallengeMethod.S256"/>.</summary>
    public OpenRouterCodeChallengeMethod? CodeChallengeMethod { get; init; }

    /// <summary>Gets the credit limit in US dollars of the key that will be issued (<c>limit</c>).</summary>
    public decimal? Limit { get; init; }
}
