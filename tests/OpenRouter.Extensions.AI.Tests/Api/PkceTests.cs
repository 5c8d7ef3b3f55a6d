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

    [Theory]
    [InlineData("https://myapp.example/auth/callback")]
    [InlineData("http://127.0.0.1:51234/callback")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("http://localhost:3000/callback?state=x")]
    [InlineData("com.example.app:/oauth2redirect")]
    [InlineData("com.example.app://callback/path")]
    public void CreateAuthorizationUrl_CallbackAllowedByRfc8252_IsAccepted(string callback)
    {
        Uri url = OpenRouterPkce.CreateAuthorizationUrl(new Uri(callback), "challenge");
        var request = new OpenRouterAuthCodeRequest(new Uri(callback));

        Assert.Contains(Uri.EscapeDataString(new Uri(callback).AbsoluteUri), url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(new Uri(callback), request.CallbackUrl);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)", "'javascript:' is none of them")]
    [InlineData("data:text/html,<script>alert(1)</script>", "'data:' is none of them")]
    [InlineData("file:///etc/passwd", "'file:' is none of them")]
    [InlineData("ftp://files.example/cb", "'ftp:' is none of them")]
    [InlineData("http://attacker.example/steal", "must be a loopback address")]
    [InlineData("http://localhost.attacker.example/steal", "must be a loopback address")]
    [InlineData("http://127.0.0.1.attacker.example/steal", "must be a loopback address")]
    [InlineData("https://myapp.example/callback#fragment", "must not contain a fragment")]
    public void CreateAuthorizationUrl_CallbackNotAllowed_ThrowsArgumentExceptionNamingTheRule(string callback, string rule)
    {
        var uri = new Uri(callback);

        ArgumentException url = Assert.Throws<ArgumentException>(() => OpenRouterPkce.CreateAuthorizationUrl(uri, "challenge"));
        ArgumentException request = Assert.Throws<ArgumentException>(() => new OpenRouterAuthCodeRequest(uri));
        ArgumentException changed = Assert.Throws<ArgumentException>(() => new OpenRouterAuthCodeRequest(new Uri("https://myapp.example/cb")) with { CallbackUrl = uri });

        Assert.All([url, request, changed], ex => Assert.Contains(rule, ex.Message, StringComparison.Ordinal));
        Assert.Contains("RFC", url.Message, StringComparison.Ordinal);
        Assert.Equal("callbackUrl", url.ParamName);
    }

    [Fact]
    public void CreateAuthorizationUrl_RelativeCallback_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => OpenRouterPkce.CreateAuthorizationUrl(new Uri("/callback", UriKind.Relative), "challenge"));
    }
}
