namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class PkceTests
{
    [Fact]
    public void CreateCodeChallenge_Rfc7636AppendixB_MatchesExpectedChallenge()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", OpenRouterPkce.CreateCodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    [Theory]
    [InlineData(43)]
    [InlineData(64)]
    [InlineData(128)]
    public void CreateCodeVerifier_Length_ReturnsUnreservedCharactersOfThatLength(int length)
    {
        string verifier = OpenRouterPkce.CreateCodeVerifier(length);

        Assert.Equal(length, verifier.Length);
        Assert.All(verifier, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~', $"'{c}' is not unreserved"));
        Assert.Equal(43, OpenRouterPkce.CreateCodeChallenge(verifier).Length);
    }

    [Fact]
    public void CreateCodeVerifier_Default_Is64CharactersAndRandom()
    {
        string a = OpenRouterPkce.CreateCodeVerifier();
        string b = OpenRouterPkce.CreateCodeVerifier();

        Assert.Equal(64, a.Length);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(129)]
    public void CreateCodeVerifier_LengthOutOfRange_Throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenRouterPkce.CreateCodeVerifier(length));
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX+")]
    [InlineData("dBjftJeZ4CVP mB92K27uhbUJU1p1r_wW1gFWFOEjXk")]
    public void CreateCodeChallenge_InvalidVerifier_ThrowsArgumentException(string verifier)
    {
        Assert.Throws<ArgumentException>(() => OpenRouterPkce.CreateCodeChallenge(verifier));
    }

    [Fact]
    public void CreateAuthorizationUrl_Callback_EscapesValuesAndAsksForS256()
    {
        Uri url = OpenRouterPkce.CreateAuthorizationUrl(new Uri("http://localhost:3000/callback?state=a b&x=1"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        Assert.Equal(
            "https://openrouter.ai/auth?callback_url=http%3A%2F%2Flocalhost%3A3000%2Fcallback%3Fstate%3Da%2520b%26x%3D1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
            url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://openrouter.ai/api/v1/", "https://openrouter.ai/auth")]
    [InlineData("http://127.0.0.1:5123/api/v1/", "http://127.0.0.1:5123/auth")]
    [InlineData("https://proxy.example.com/openrouter/api/v1", "https://proxy.example.com/openrouter/auth")]
    [InlineData("https://proxy.example.com/", "https://proxy.example.com/auth")]
    public void CreateAuthorizationUrl_ConfiguredEndpoint_UsesItsAuthorizationPage(string apiEndpoint, string authorizationPage)
    {
        Uri url = OpenRouterPkce.CreateAuthorizationUrl(new Uri("http://localhost:3000/callback"), "challenge", new Uri(apiEndpoint));

        Assert.Equal(authorizationPage, url.GetLeftPart(UriPartial.Path));
        Assert.Equal(new Uri(authorizationPage), OpenRouterPkce.GetAuthorizationEndpoint(new Uri(apiEndpoint)));
    }

    [Fact]
    public void CreateAuthorizationUrl_RelativeCallback_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => OpenRouterPkce.CreateAuthorizationUrl(new Uri("/callback", UriKind.Relative), "challenge"));
    }
}
