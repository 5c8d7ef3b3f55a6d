using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The OAuth PKCE flow that lets a user give your application an API key: <c>/auth/keys/code</c> and <c>/auth/keys</c>.
/// Use <see cref="OpenRouterPkce"/> to make the code verifier, its challenge and the browser address.
/// </summary>
/// <remarks>Obtain it from <see cref="OpenRouterClient.Auth"/>.</remarks>
public sealed class OpenRouterAuthClient
{
    private readonly OpenRouterTransport _transport;

    internal OpenRouterAuthClient(OpenRouterTransport transport) => _transport = transport;

    /// <summary>Creates an authorization code for the PKCE flow (<c>POST /auth/keys/code</c>). Requires an API key.</summary>
    /// <param name="request">The callback address, code challenge and optional limit.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The authorization code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public async Task<OpenRouterAuthCode> CreateCodeAsync(OpenRouterAuthCodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpRequestMessage message = _transport.CreateRequest(HttpMethod.Post, ApiRoute.Of("auth/keys/code"));
        message.Content = OpenRouterTransport.CreateJsonContent(request, OpenRouterJsonContext.Default.OpenRouterAuthCodeRequest);
        return await _transport.DataAsync(message, OpenRouterJsonContext.Default.AuthCodeEnvelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges the authorization code OpenRouter sent to your callback for a user-controlled API key (<c>POST /auth/keys</c>).
    /// No API key is needed for this call.
    /// </summary>
    /// <param name="code">The <c>code</c> query value OpenRouter appended to the callback address.</param>
    /// <param name="codeVerifier">The code verifier from <see cref="OpenRouterPkce.CreateCodeVerifier"/> whose challenge started the flow; <see langword="null"/> when the flow used no PKCE.</param>
    /// <param name="codeChallengeMethod">
    /// The challenge method; when <see langword="null"/> and <paramref name="codeVerifier"/> is set, <see cref="OpenRouterCodeChallengeMethod.S256"/>.
    /// Pass <see cref="OpenRouterCodeChallengeMethod.Plain"/> only if the flow really used it.
    /// </param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The API key (its <see cref="OpenRouterAuthKey.ToString"/> never prints the secret).</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (400 or 403 for a wrong code or verifier) or could not be reached.</exception>
    public async Task<OpenRouterAuthKey> ExchangeCodeAsync(
        string code,
        string? codeVerifier,
        OpenRouterCodeChallengeMethod? codeChallengeMethod = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var body = new OpenRouterAuthExchangeRequest
        {
            Code = code,
            CodeVerifier = codeVerifier,
            CodeChallengeMethod = codeChallengeMethod ?? (codeVerifier is null ? null : OpenRouterCodeChallengeMethod.S256),
        };
        HttpRequestMessage message = _transport.CreateRequest(HttpMethod.Post, ApiRoute.Of("auth/keys"), keyRequired: false);
        message.Content = OpenRouterTransport.CreateJsonContent(body, OpenRouterJsonContext.Default.OpenRouterAuthExchangeRequest);
        return await _transport.SendAsync(
            message,
            static (json, _) => JsonSerializer.Deserialize(json, OpenRouterJsonContext.Default.OpenRouterAuthKey) is { Key.Length: > 0 } key ? key : throw ApiAnswers.MissingMember("key"),
            cancellationToken).ConfigureAwait(false);
    }
}
