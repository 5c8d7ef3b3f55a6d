namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>Plain-HTTP refusal for both clients, and the PKCE bounds of RFC 7636.</summary>
public sealed class TransportSecurityTests
{
    public static TheoryData<string> Clients => ["chat", "rest"];

    [Theory]
    [MemberData(nameof(Clients))]
    public void Constructor_PlainHttpNonLoopbackEndpoint_IsRefusedWithClearMessage(string kind)
    {
        var options = new OpenRouterClientOptions { Endpoint = new Uri("http://openrouter.example.com/api/v1/"), ApiKey = "sk-or-x", DefaultModelId = "m/x" };

        ArgumentException ex = Assert.Throws<ArgumentException>(() => Create(kind, options));

        Assert.Contains("plain http://", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-or-x", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Constructor_PlainHttpWithAllowInsecureHttp_IsAccepted(string kind)
    {
        var options = new OpenRouterClientOptions { Endpoint = new Uri("http://proxy.example.com:8080/api/v1"), AllowInsecureHttp = true, DefaultModelId = "m/x" };

        using IDisposable client = Create(kind, options);

        Assert.NotNull(client);
    }

    [Theory]
    [InlineData("chat", "http://127.0.0.1:5000/api/v1/")]
    [InlineData("chat", "http://localhost:5000/api/v1/")]
    [InlineData("chat", "http://[::1]:5000/api/v1/")]
    [InlineData("rest", "http://127.0.0.1:5000/api/v1/")]
    [InlineData("rest", "http://localhost/api/v1/")]
    public void Constructor_PlainHttpLoopback_IsAccepted(string kind, string endpoint)
    {
        using IDisposable client = Create(kind, new OpenRouterClientOptions { Endpoint = new Uri(endpoint), DefaultModelId = "m/x" });

        Assert.NotNull(client);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Constructor_NonHttpScheme_IsRefused(string kind)
    {
        Assert.Throws<ArgumentException>(() => Create(kind, new OpenRouterClientOptions { Endpoint = new Uri("ftp://openrouter.ai/api/v1/") }));
    }

    [Theory]
    [InlineData(43)]
    [InlineData(128)]
    public void CreateCodeChallenge_VerifierAtRfc7636Bounds_IsAccepted(int length)
    {
        string challenge = OpenRouterPkce.CreateCodeChallenge(new string('a', length));

        Assert.Equal(43, challenge.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(129)]
    [InlineData(1000)]
    public void CreateCodeChallenge_VerifierOutsideRfc7636Bounds_ThrowsArgumentException(int length)
    {
        Assert.Throws<ArgumentException>(() => OpenRouterPkce.CreateCodeChallenge(new string('a', length)));
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void CreateCodeVerifier_AbsurdLength_ThrowsArgumentOutOfRange(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenRouterPkce.CreateCodeVerifier(length));
    }

    [Fact]
    public void CreateCodeVerifier_ManyVerifiers_AreUniqueAndSpreadOverTheWholeAlphabet()
    {
        // A cryptographic generator: 2,000 verifiers of 43 characters never repeat and use all 66 unreserved characters.
        string[] verifiers = [.. Enumerable.Range(0, 2000).Select(_ => OpenRouterPkce.CreateCodeVerifier(43))];

        Assert.Equal(verifiers.Length, verifiers.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(66, verifiers.SelectMany(v => v).Distinct().Count());
    }

    [Fact]
    public void CreateAuthorizationUrl_AnyChallenge_AsksForS256Only()
    {
        string challenge = OpenRouterPkce.CreateCodeChallenge(OpenRouterPkce.CreateCodeVerifier());

        Uri url = OpenRouterPkce.CreateAuthorizationUrl(new Uri("https://app.example.com/cb"), challenge);

        Assert.EndsWith("&code_challenge_method=S256", url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("plain", url.Query, StringComparison.OrdinalIgnoreCase);
    }

    private static IDisposable Create(string kind, OpenRouterClientOptions options) =>
        kind == "chat" ? new OpenRouterChatClient(options) : new OpenRouterClient(options);
}
