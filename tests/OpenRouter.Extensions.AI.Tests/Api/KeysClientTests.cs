using System.Net;
using System.Text;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class KeysClientTests
{
    [Fact]
    public async Task GetCurrentAsync_Fixture_ParsesLimitsUsageRateLimitAndFreeTier()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("current-key.json");

        OpenRouterCurrentKey key = await client.Keys.GetCurrentAsync(TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/key", handler.Last.PathAndQuery());
        Assert.Equal(100m, key.Limit);
        Assert.Equal(25.5m, key.Usage);
        Assert.Equal(74.5m, key.LimitRemaining);
        Assert.Equal(17.38m, key.ByokUsageMonthly);
        Assert.Equal(OpenRouterLimitReset.Monthly, key.LimitReset);
        Assert.False(key.IsFreeTier);
        Assert.False(key.IsProvisioningKey);
        Assert.Equal(1000d, key.RateLimit!.Requests);
        Assert.Equal("1h", key.RateLimit.Interval);
        Snapshot.Match(new { Request = handler.Last, Response = key });
    }

    [Fact]
    public async Task ListAsync_IncludeDisabledAndOffset_SendsQueryAndParsesEveryField()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("keys.json");

        IReadOnlyList<OpenRouterApiKey> keys = await client.Keys.ListAsync(includeDisabled: true, offset: 100, TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/keys?include_disabled=true&offset=100", handler.Last.PathAndQuery());
        Assert.Equal(2, keys.Count);
        OpenRouterApiKey first = keys[0];
        Assert.Equal("f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943", first.Hash);
        Assert.Equal(74.5m, first.LimitRemaining);
        Assert.Equal(0.001m, first.ByokUsageDaily);
        Assert.Equal(new DateTimeOffset(2025, 8, 24, 10, 30, 0, TimeSpan.Zero), first.CreatedAt);
        Assert.Equal(new DateTimeOffset(2025, 8, 24, 15, 45, 0, TimeSpan.Zero), first.UpdatedAt);
        OpenRouterApiKey second = keys[1];
        Assert.True(second.Disabled);
        Assert.Null(second.Limit);
        Assert.Null(second.UpdatedAt);
        Assert.Equal("quarterly", second.LimitReset!.Value.Value);
        Snapshot.Match(new { Request = handler.Last, Response = keys });
    }

    [Fact]
    public async Task ListAsync_Defaults_SendsNoQuery()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("keys.json");

        await client.Keys.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/keys", handler.Last.PathAndQuery());
    }

    [Fact]
    public async Task ListAllAsync_ThreePages_RequestsOffsetsInOrderAndStopsOnShortPage()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.OK, Page("k1", "k2"))
               .Respond(HttpStatusCode.OK, Page("k3", "k4"))
               .Respond(HttpStatusCode.OK, Page("k5"));

        var hashes = new List<string>();
        await foreach (OpenRouterApiKey key in client.Keys.ListAllAsync(includeDisabled: true, TestContext.Current.CancellationToken))
        {
            hashes.Add(key.Hash);
        }

        Assert.Equal(["k1", "k2", "k3", "k4", "k5"], hashes);
        Assert.Equal(
            ["/api/v1/keys?include_disabled=true", "/api/v1/keys?include_disabled=true&offset=2", "/api/v1/keys?include_disabled=true&offset=4"],
            handler.Requests.Select(r => r.PathAndQuery()));
    }

    [Fact]
    public async Task ListAllAsync_EmptyPage_StopsWithoutFurtherRequests()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.OK, Page("k1", "k2"))
               .Respond(HttpStatusCode.OK, Page("k3", "k4"))
               .Respond(HttpStatusCode.OK, Page());

        var hashes = new List<string>();
        await foreach (OpenRouterApiKey key in client.Keys.ListAllAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            hashes.Add(key.Hash);
        }

        Assert.Equal(["k1", "k2", "k3", "k4"], hashes);
        Assert.Equal(["/api/v1/keys", "/api/v1/keys?offset=2", "/api/v1/keys?offset=4"], handler.Requests.Select(r => r.PathAndQuery()));
    }

    [Fact]
    public async Task ListAllAsync_PagesOverlap_YieldsEachKeyOnce()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.OK, Page("k1", "k2"))
               .Respond(HttpStatusCode.OK, Page("k2", "k3"))
               .Respond(HttpStatusCode.OK, Page());

        var hashes = new List<string>();
        await foreach (OpenRouterApiKey key in client.Keys.ListAllAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            hashes.Add(key.Hash);
        }

        Assert.Equal(["k1", "k2", "k3"], hashes);
        Assert.Equal(3, handler.Count);
    }

    [Fact]
    public async Task ListAllAsync_EveryPageBringsNewKeys_ThrowsAfterMaxListAllPages()
    {
        var (client, handler) = ApiTestClient.Create();
        int pages = 0;
        handler.RespondToEvery(_ =>
        {
            int page = Interlocked.Increment(ref pages);
            return (HttpStatusCode.OK, Page($"p{page}-a", $"p{page}-b"));
        });

        int yielded = 0;
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (OpenRouterApiKey _ in client.Keys.ListAllAsync(cancellationToken: TestContext.Current.CancellationToken))
            {
                yielded++;
            }
        });

        Assert.Equal(OpenRouterKeysClient.MaxListAllPages, handler.Count);
        Assert.Equal(2 * OpenRouterKeysClient.MaxListAllPages, yielded);
        Assert.Contains("after 1000 pages", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Request_SendsBodyAndReturnsSecretThatToStringHides()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("key-created.json", HttpStatusCode.Created);

        OpenRouterCreatedApiKey created = await client.Keys.CreateAsync(
            new OpenRouterCreateKeyRequest("Customer Instance Key") { Limit = 100.5m, LimitReset = OpenRouterLimitReset.Monthly, IncludeByokInLimit = false },
            TestContext.Current.CancellationToken);

        Assert.Equal("POST", handler.Last.Method);
        Assert.Equal("/api/v1/keys", handler.Last.PathAndQuery());
        Assert.Equal("""{"name":"Customer Instance Key","limit":100.5,"limit_reset":"monthly","include_byok_in_limit":false}""", handler.Last.Body);
        Assert.Equal("sk-or-v1-created-secret-d3adb33f", created.Key);
        Assert.Equal("Customer Instance Key", created.Data.Name);
        string text = created.ToString();
        Assert.DoesNotContain("d3adb33f", text, StringComparison.Ordinal);
        Assert.Contains("(redacted)", text, StringComparison.Ordinal);
        Assert.Contains("Customer Instance Key", text, StringComparison.Ordinal);
        Snapshot.Match(new { Request = handler.Last, Response = created.Data });
    }

    [Fact]
    public async Task CreateAsync_NameOnly_OmitsUnsetMembers()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("key-created.json", HttpStatusCode.Created);

        await client.Keys.CreateAsync(new OpenRouterCreateKeyRequest("k"), TestContext.Current.CancellationToken);

        Assert.Equal("""{"name":"k"}""", handler.Last.Body);
    }

    [Fact]
    public async Task GetAsync_Hash_RequestsEscapedPathAndParses()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("key.json");

        OpenRouterApiKey key = await client.Keys.GetAsync("abc/def", TestContext.Current.CancellationToken);

        Assert.Equal("/api/v1/keys/abc%2Fdef", handler.Last.PathAndQuery());
        Assert.Equal("Customer Instance Key", key.Name);
        Assert.Equal(OpenRouterLimitReset.Monthly, key.LimitReset);
        Snapshot.Match(new { Request = handler.Last, Response = key });
    }

    [Fact]
    public async Task UpdateAsync_PartialUpdate_SendsOnlySetMembers()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("key.json");

        OpenRouterApiKey key = await client.Keys.UpdateAsync(
            "f01d5260",
            new OpenRouterUpdateKeyRequest { Name = "Renamed", Disabled = true, Limit = 50m, LimitReset = OpenRouterLimitReset.Weekly, IncludeByokInLimit = true },
            TestContext.Current.CancellationToken);

        Assert.Equal("PATCH", handler.Last.Method);
        Assert.Equal("""{"name":"Renamed","disabled":true,"limit":50,"limit_reset":"weekly","include_byok_in_limit":true}""", handler.Last.Body);
        Assert.Equal("f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943", key.Hash);
        Snapshot.Match(handler.Last);
    }

    [Fact]
    public async Task UpdateAsync_RemoveLimitAndReset_SendsExplicitNulls()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("key.json");

        await client.Keys.UpdateAsync("h", new OpenRouterUpdateKeyRequest { RemoveLimit = true, RemoveLimitReset = true }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"limit":null,"limit_reset":null}""", handler.Last.Body);
    }

    [Fact]
    public async Task UpdateAsync_LimitAndRemoveLimit_ThrowsArgumentExceptionWithoutSending()
    {
        var (client, handler) = ApiTestClient.Create();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.Keys.UpdateAsync("h", new OpenRouterUpdateKeyRequest { Limit = 1m, RemoveLimit = true }, TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task DeleteAsync_Hash_SendsDelete()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.RespondWithFixture("key-deleted.json");

        await client.Keys.DeleteAsync("f01d5260", TestContext.Current.CancellationToken);

        Assert.Equal("DELETE", handler.Last.Method);
        Assert.Equal("/api/v1/keys/f01d5260", handler.Last.PathAndQuery());
        Snapshot.Match(handler.Last);
    }

    [Fact]
    public async Task DeleteAsync_NotConfirmed_ThrowsOpenRouterException()
    {
        var (client, handler) = ApiTestClient.Create();
        handler.Respond(HttpStatusCode.OK, """{"deleted":false}""");

        await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.DeleteAsync("h", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task GetAsync_EmptyHash_ThrowsArgumentException(string hash)
    {
        var (client, _) = ApiTestClient.Create();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Keys.GetAsync(hash, TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Keys.DeleteAsync(hash, TestContext.Current.CancellationToken));
    }

    private static string Page(params string[] hashes)
    {
        var json = new StringBuilder("""{"data":[""");
        json.AppendJoin(',', hashes.Select(h =>
            $$"""{"hash":"{{h}}","name":"{{h}}","label":"sk-or-v1-x","disabled":false,"limit":null,"limit_remaining":null,"limit_reset":null,"include_byok_in_limit":false,"usage":0,"usage_daily":0,"usage_weekly":0,"usage_monthly":0,"byok_usage":0,"byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":0,"created_at":"2025-01-01T00:00:00Z","updated_at":null}"""));
        return json.Append("]}").ToString();
    }
}
