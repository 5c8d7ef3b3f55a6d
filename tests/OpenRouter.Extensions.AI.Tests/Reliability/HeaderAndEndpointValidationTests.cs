using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// What the boundary checks when a client is built: header values that could add a header of their own or fail every
/// request, and an endpoint whose credentials would be printed. Every client (chat, embeddings, images, REST) is built on
/// the same boundary, so each rule is checked on each.
/// </summary>
public sealed class HeaderAndEndpointValidationTests
{
    private const string Password = "hunter2-P4ssw0rd";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Clients() => ["chat", "embeddings", "images", "rest"];

    [Theory]
    [InlineData("x\r\nX-Injected: 1")]
    [InlineData("x\nX-Injected: 1")]
    [InlineData("tab\tis fine but\u0007bell is not")]
    public void Construct_AppTitleWithLineBreakOrControl_RefusedNamingTheOption(string title)
    {
        foreach (string client in Clients())
        {
            ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => Create(client, new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, AppTitle = title }));

            Assert.Contains("OpenRouterClientOptions.AppTitle", ex.Message, StringComparison.Ordinal);
            Assert.Contains("control character", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Construct_AppUrlWithLineBreak_RefusedNamingTheOption()
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() =>
            new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, AppUrl = "https://a.example\r\nX-Injected: 1" }));

        Assert.Contains("OpenRouterClientOptions.AppUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construct_NonAsciiTitle_RefusedWithAClearMessageInsteadOfFailingEveryRequest()
    {
        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() =>
            new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, AppTitle = "Café ☕" }));

        Assert.Contains("non-ASCII character 'é'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OpenRouterClientOptions.AppTitle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_AsciiTitleWithTab_SentAsOneHeader()
    {
        var handler = new RecordingHandler().RespondJson(RecordingHandler.CompletionJson);
        using var chat = new OpenRouterChatClient(
            new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, DefaultModelId = "m/x", AppTitle = "My\tApp" },
            new HttpClient(handler));

        await chat.GetResponseAsync("hi", cancellationToken: Ct);

        Assert.Equal("My\tApp", handler.Last.GetHeader("X-Title"));
        Assert.DoesNotContain(handler.Last.Headers.Keys, k => k.Equals("X-Injected", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Construct_KeyWithLineBreak_RefusedWithoutQuotingTheKey()
    {
        const string Key = "sk-or-v1-secret\r\nX-Injected: 1";

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = Key }));

        Assert.DoesNotContain("sk-or-v1-secret", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("API key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Construct_EndpointWithUserInfo_RefusedWithoutPrintingThePassword(string client)
    {
        var options = new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, Endpoint = new Uri($"http://user:{Password}@proxy.example/api/v1/") };

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => Create(client, options));

        Assert.Contains("credentials", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("user:", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsToString_EndpointWithUserInfo_PrintsNoCredentials()
    {
        var options = new OpenRouterClientOptions { Endpoint = new Uri($"https://user:{Password}@proxy.example/api/v1/") };

        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("https://proxy.example/api/v1/", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PkceAuthorizationUrl_EndpointWithUserInfo_HasNoCredentials()
    {
        Uri url = OpenRouterPkce.CreateAuthorizationUrl(
            new Uri("https://app.example/callback"), OpenRouterPkce.CreateCodeChallenge(OpenRouterPkce.CreateCodeVerifier()), new Uri($"https://user:{Password}@openrouter.example/api/v1/"));

        Assert.DoesNotContain(Password, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith("https://openrouter.example/auth?callback_url=", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void ToStringAndMetadata_EveryClient_ShowNoKey(string client)
    {
        using IDisposable built = Create(client, new OpenRouterClientOptions { ApiKey = RecordingHandler.ApiKey, DefaultModelId = "m/x" });

        Assert.DoesNotContain(RecordingHandler.ApiKey, built.ToString()!, StringComparison.Ordinal);
        Uri? providerUri = built switch
        {
            IChatClient chat => chat.GetService<ChatClientMetadata>()?.ProviderUri,
            IEmbeddingGenerator<string, Embedding<float>> embeddings => embeddings.GetService<EmbeddingGeneratorMetadata>()?.ProviderUri,
#pragma warning disable MEAI001
            IImageGenerator images => images.GetService<ImageGeneratorMetadata>()?.ProviderUri,
#pragma warning restore MEAI001
            _ => null,
        };
        Assert.True(client == "rest" || providerUri == new Uri("https://openrouter.ai/api/v1/"), $"{client}: {providerUri}");
    }

    private static IDisposable Create(string client, OpenRouterClientOptions options) => client switch
    {
        "chat" => new OpenRouterChatClient(options),
        "embeddings" => new OpenRouterEmbeddingGenerator(options),
#pragma warning disable MEAI001
        "images" => new OpenRouterImageGenerator(options),
#pragma warning restore MEAI001
        _ => new OpenRouterClient(options),
    };
}
