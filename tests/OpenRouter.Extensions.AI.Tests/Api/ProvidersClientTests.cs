using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class ProvidersClientTests
{
    [Fact]
    public async Task ListAsync_Fixture_RequestsProvidersAndParsesEveryField()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("providers.json");

        IReadOnlyList<OpenRouterProvider> providers = await client.Providers.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/providers", handler.Last.PathAndQuery());
        Assert.Equal(2, providers.Count);
        Assert.Equal("openai", providers[0].Slug);
        Assert.Equal("https://status.openai.com/", providers[0].StatusPageUrl);
        Assert.Equal("https://openai.com/policies/row-terms-of-use/", providers[0].TermsOfServiceUrl);
        Assert.Null(providers[1].PrivacyPolicyUrl);
        Snapshot.Match(new { Request = handler.Last, Response = providers });
    }
}
