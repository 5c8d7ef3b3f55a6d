using OpenRouter.Testing;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// Every REST call that puts a caller's value into its path, with crafted values: a value that would address another
/// resource (<c>.</c>, <c>..</c>, empty, blank, control characters) is refused before anything is sent, with the caller's
/// parameter named; any other value stays inside its one path segment, escaped.
/// </summary>
public sealed class RouteEscapingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each REST call that takes an id, by name: the call with the crafted value in its id parameter(s), and that parameter's name.</summary>
    private static readonly Dictionary<string, (Func<OpenRouterClient, string, Task> Call, string Parameter, string PathBefore, string PathAfter)> Calls = new()
    {
        ["Keys.GetAsync"] = ((c, v) => c.Keys.GetAsync(v, Ct), "hash", "/api/v1/keys/", ""),
        ["Keys.UpdateAsync"] = ((c, v) => c.Keys.UpdateAsync(v, new OpenRouterUpdateKeyRequest { Name = "x" }, Ct), "hash", "/api/v1/keys/", ""),
        ["Keys.DeleteAsync"] = ((c, v) => c.Keys.DeleteAsync(v, Ct), "hash", "/api/v1/keys/", ""),
        ["Models.GetEndpointsAsync(author, slug)"] = ((c, v) => c.Models.GetEndpointsAsync(v, v, Ct), "author", "/api/v1/models/", "/endpoints"),
        ["Models.GetEndpointsAsync(slug)"] = ((c, v) => c.Models.GetEndpointsAsync("openai", v, Ct), "slug", "/api/v1/models/openai/", "/endpoints"),
        ["Models.GetParametersAsync(author, slug)"] = ((c, v) => c.Models.GetParametersAsync(v, v, null, Ct), "author", "/api/v1/parameters/", ""),
        ["Models.GetParametersAsync(slug)"] = ((c, v) => c.Models.GetParametersAsync("openai", v, null, Ct), "slug", "/api/v1/parameters/openai/", ""),
    };

    public static TheoryData<string, string> RefusedValues()
    {
        var data = new TheoryData<string, string>();
        foreach (string call in Calls.Keys)
        {
            foreach (string value in new[] { ".", "..", "", " ", "a\nb", "a\rb", "\u0000", "a\u007fb" })
            {
                data.Add(call, value);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> EscapedValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string call in Calls.Keys)
        {
            data.Add(call, "a/b", "a%2Fb");
            data.Add(call, "../keys", "..%2Fkeys");
            data.Add(call, "a?b=c", "a%3Fb%3Dc");
            data.Add(call, "a#b", "a%23b");
            data.Add(call, "%2e%2e", "%252e%252e");
            data.Add(call, "...", "...");
            data.Add(call, "é", "%C3%A9");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public async Task RestCall_ValueThatWouldLeaveItsSegment_RefusedNamingTheParameterAndNothingSent(string call, string value)
    {
        (OpenRouterClient client, RecordingHandler handler) = ApiTestClient.Create();
        handler.RespondJson("""{"data":{}}""");
        (Func<OpenRouterClient, string, Task> send, string parameter, _, _) = Calls[call];

        ArgumentException ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => send(client, value));

        Assert.Equal(parameter, ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [MemberData(nameof(EscapedValues))]
    public async Task RestCall_ValueWithPathCharacters_StaysInItsSegmentEscaped(string call, string value, string escaped)
    {
        (OpenRouterClient client, RecordingHandler handler) = ApiTestClient.Create();
        handler.RespondToEvery(_ => (System.Net.HttpStatusCode.NotFound, """{"error":{"code":404,"message":"not found"}}"""));
        (Func<OpenRouterClient, string, Task> send, _, string before, string after) = Calls[call];

        await Assert.ThrowsAsync<OpenRouterException>(() => send(client, value));

        RecordedRequest request = Assert.Single(handler.Requests);
        string expected = before + escaped + (call.Contains("(author, slug)", StringComparison.Ordinal) ? "/" + escaped : "") + after;
        Assert.Equal(expected, request.Path);
        Assert.Equal(string.Empty, request.QueryString);
    }

    [Theory]
    [InlineData("../..", "modelId")]
    [InlineData("openai/..", "modelId")]
    [InlineData("./x", "modelId")]
    [InlineData("noslash", "modelId")]
    public async Task ModelIdCalls_IdWhosePartsWouldLeaveTheirSegments_Refused(string modelId, string parameter)
    {
        (OpenRouterClient client, RecordingHandler handler) = ApiTestClient.Create();

        ArgumentException endpoints = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Models.GetEndpointsAsync(modelId, Ct));
        ArgumentException parameters = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Models.GetParametersAsync(modelId, null, Ct));

        Assert.Equal(parameter, endpoints.ParamName);
        Assert.Equal(parameter, parameters.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerationsGetAsync_IdWithQueryCharacters_StaysInTheQueryValue()
    {
        (OpenRouterClient client, RecordingHandler handler) = ApiTestClient.Create();
        handler.RespondJson("""{"data":{"id":"gen-1"}}""");

        await client.Generations.GetAsync("gen-1&id=other#frag", Ct);

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.Equal("/api/v1/generation", request.Path);
        Assert.Equal("?id=gen-1%26id%3Dother%23frag", request.QueryString);
    }

    [Fact]
    public void ApiRoute_Segments_AreEscapedOneByOne()
    {
        Uri address = ApiRoute.Of("models").Segment("a b/c").Then("endpoints").Query("q", "x&y").Resolve(new Uri("https://example.com/api/v1/"));

        Assert.Equal("https://example.com/api/v1/models/a%20b%2Fc/endpoints?q=x%26y", address.AbsoluteUri);
    }
}
