namespace OpenRouter.Extensions.AI;

/// <summary>The body of <c>POST /auth/keys</c>.</summary>
internal sealed class OpenRouterAuthExchangeRequest
{
    /// <summary>Gets or sets the authorization code (<c>code</c>).</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Gets or sets the PKCE code verifier (<c>code_verifier</c>).</summary>
    public string? CodeVerifier { get; set; }

    /// <summary>Gets or sets the challenge method (<c>code_challenge_method</c>).</summary>
    public OpenRouterCodeChallengeMethod? CodeChallengeMethod { get; set; }
}
