using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>
/// The "Your key and key management" and "Letting users sign in" snippets of docs/rest-api.md, run offline against the emulator's
/// stateful <c>/key</c>, <c>/keys</c> and <c>/auth/keys</c> endpoints.
/// </summary>
public sealed class LoopbackKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_CreateListUpdateDelete_EmulatorKeepsState()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-provisioning" });

        OpenRouterCurrentKey me = await client.Keys.GetCurrentAsync(Ct);
        Assert.Equal(0m, me.Usage);
        Assert.Null(me.Limit);
        Assert.True(me.IsProvisioningKey);

        OpenRouterCreatedApiKey created = await client.Keys.CreateAsync(
            new OpenRouterCreateKeyRequest("customer-42") { Limit = 10m, LimitReset = OpenRouterLimitReset.Monthly }, Ct);
        Assert.StartsWith("sk-or-v1-", created.Key, StringComparison.Ordinal);
        Assert.Equal("customer-42", created.Data.Name);
        Assert.Equal(10m, created.Data.Limit);
        Assert.Equal(OpenRouterLimitReset.Monthly, created.Data.LimitReset);
        Assert.Equal(64, created.Data.Hash.Length);
        await client.Keys.CreateAsync(new OpenRouterCreateKeyRequest("nightly-batch"), Ct);

        OpenRouterApiKey disabled = await client.Keys.UpdateAsync(created.Data.Hash, new OpenRouterUpdateKeyRequest { Disabled = true, RemoveLimit = true }, Ct);
        Assert.True(disabled.Disabled);
        Assert.Null(disabled.Limit);
        Assert.NotNull(disabled.UpdatedAt);

        Assert.Equal(["nightly-batch"], await Names(client.Keys.ListAllAsync(cancellationToken: Ct)));
        Assert.Equal(["customer-42", "nightly-batch"], await Names(client.Keys.ListAllAsync(includeDisabled: true, Ct)));
        Assert.Equal("customer-42", (await client.Keys.GetAsync(created.Data.Hash, Ct)).Name);

        // The created key describes itself on GET /key.
        using var asCustomer = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = created.Key });
        Assert.False((await asCustomer.Keys.GetCurrentAsync(Ct)).IsProvisioningKey);

        await client.Keys.DeleteAsync(created.Data.Hash, Ct);
        OpenRouterException gone = await Assert.ThrowsAsync<OpenRouterException>(() => client.Keys.GetAsync(created.Data.Hash, Ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Keys_ListAll_PagesThroughMoreThanOnePage()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-provisioning" });
        for (int i = 0; i < 105; i++)
        {
            await client.Keys.CreateAsync(new OpenRouterCreateKeyRequest($"key-{i:D3}"), Ct);
        }

        List<string> names = await Names(client.Keys.ListAllAsync(cancellationToken: Ct));

        Assert.Equal(105, names.Count);
        Assert.Equal("key-104", names[^1]);
        Assert.Contains(emulator.Requests, r => r.Path.EndsWith("/keys", StringComparison.Ordinal) && r.QueryString == "?offset=100");
    }

    [Fact]
    public async Task Pkce_CodeExchangedWithVerifier_ReturnsUsableKey_OnlyOnce()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(
            new OpenRouterEmulatorOptions { RequireApiKey = true }, Ct);
        string verifier = OpenRouterPkce.CreateCodeVerifier();
        string challenge = OpenRouterPkce.CreateCodeChallenge(verifier);

        // What the browser round trip does on openrouter.ai: an authorization code bound to the challenge.
        using var app = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-app" });
        OpenRouterAuthCode code = await app.Auth.CreateCodeAsync(
            new OpenRouterAuthCodeRequest(new Uri("http://localhost:3000/callback")) { CodeChallenge = challenge, CodeChallengeMethod = OpenRouterCodeChallengeMethod.S256 }, Ct);

        // docs/rest-api.md, step 3: no API key for the exchange.
        using var anonymous = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint });
        OpenRouterAuthKey userKey = await anonymous.Auth.ExchangeCodeAsync(code.Id, verifier, cancellationToken: Ct);

        Assert.StartsWith("sk-or-v1-", userKey.Key, StringComparison.Ordinal);
        Assert.Null(emulator.LastRequest!.GetHeader("Authorization"));
        using var asUser = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = userKey.Key });
        Assert.Equal(0m, (await asUser.Keys.GetCurrentAsync(Ct)).Usage);

        OpenRouterException reused = await Assert.ThrowsAsync<OpenRouterException>(() => anonymous.Auth.ExchangeCodeAsync(code.Id, verifier, cancellationToken: Ct));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, reused.StatusCode);
    }

    [Fact]
    public async Task Pkce_WrongVerifier_IsRefused()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-app" });
        OpenRouterAuthCode code = await client.Auth.CreateCodeAsync(
            new OpenRouterAuthCodeRequest(new Uri("http://localhost:3000/callback")) { CodeChallenge = OpenRouterPkce.CreateCodeChallenge(OpenRouterPkce.CreateCodeVerifier()) }, Ct);

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(
            () => client.Auth.ExchangeCodeAsync(code.Id, OpenRouterPkce.CreateCodeVerifier(), cancellationToken: Ct));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("code_verifier does not match", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> Names(IAsyncEnumerable<OpenRouterApiKey> keys)
    {
        var names = new List<string>();
        await foreach (OpenRouterApiKey key in keys)
        {
            names.Add(key.Name);
        }

        return names;
    }
}
