using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class AuthClientTests
{
    [Fact]
    public async Task CreateCodeAsync_Request_SendsBodyAndParsesCode()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("auth-code.json");

        OpenRouterAuthCode code = await client.Auth.CreateCodeAsync(
            new OpenRouterAuthCodeRequest(new Uri("https://myapp.example/callback?x=1"))
            {
                CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                CodeChallengeMethod = OpenRouterCodeChallengeMethod.S256,
                Limit = 10m,
            },
            TestContext.Current.CancellationToken);

        Assert.Equal("POST", handler.Last.Method);
        Assert.Equal("/api/v1/auth/keys/code", handler.Last.PathAndQuery());
        Assert.Equal(
            """{"callback_url":"https://myapp.example/callback?x=1","code_challenge":"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM","code_challenge_method":"S256","limit":10}""",
            handler.Last.Body);
        Assert.Equal("auth_code_xyz789", code.Id);
        Assert.Equal(12345, code.AppId);
        Assert.Equal(new DateTimeOffset(2025, 8, 24, 10, 30, 0, TimeSpan.Zero), code.CreatedAt);
        Snapshot.Match(new { Request = handler.Last, Response = code });
    }

    [Fact]
    public async Task ExchangeCodeAsync_Verifier_SendsS256ByDefaultAndHidesKeyInToString()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("auth-key.json");

        OpenRouterAuthKey key = await client.Auth.ExchangeCodeAsync(
            "auth_code_xyz789", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/auth/keys", handler.Last.PathAndQuery());
        Assert.Equal(
            """{"code":"auth_code_xyz789","code_verifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk","code_challenge_method":"S256"}""",
            handler.Last.Body);
        Assert.Equal("sk-or-v1-exchanged-secret-c0ffee", key.Key);
        Assert.Equal("user_2yOPcMpKoQhcd4bVgSMlELRaIah", key.UserId);
        Assert.DoesNotContain("c0ffee", key.ToString(), StringComparison.Ordinal);
        Assert.Contains("user_2yOPcMpKoQhcd4bVgSMlELRaIah", key.ToString(), StringComparison.Ordinal);
        Snapshot.Match(handler.Last);
    }

    [Fact]
    public async Task ExchangeCodeAsync_PlainExplicitlyRequested_SendsPlain()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("auth-key.json");

        await client.Auth.ExchangeCodeAsync("c", "v", OpenRouterCodeChallengeMethod.Plain, TestContext.Current.CancellationToken);

        Assert.Equal("""{"code":"c","code_verifier":"v","code_challenge_method":"plain"}""", handler.Last.Body);
    }

    [Fact]
    public async Task ExchangeCodeAsync_NoVerifier_SendsCodeOnly()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("auth-key.json");

        await client.Auth.ExchangeCodeAsync("c", codeVerifier: null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("""{"code":"c"}""", handler.Last.Body);
    }
}
