using System.Net;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>
/// OpenRouter masks upstream failures as "Provider returned error"; the message then says the provider's own reason
/// (from <c>metadata.raw</c>) and the provider. Checked against real recorded errors in <c>../shared/captures</c>, read at
/// run time and served by a raw loopback server; expectations are written from the bytes of each capture.
/// </summary>
public sealed class ProviderErrorReasonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, string, string> Captures()
    {
        var data = new TheoryData<string, int, string, string>();
        (string File, int Status, string Expected)[] captures =
        [
            ("aisdk.err400_anthropic_raw.json", 400,
                "OpenRouter error 400: Provider returned error: messages.0.content.1.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp' [provider: Anthropic]"),
            ("pyd.err429_raw_text.json", 429,
                "OpenRouter error 429: Provider returned error: google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations [provider: Google]"),
            ("pyd.err400_openai_raw.json", 400,
                "OpenRouter error 400: Provider returned error: Unsupported value: 'none' is not supported with the 'o3-2025-04-16' model. Supported values are: 'low', 'medium', and 'high'. [provider: OpenAI]"),
            ("issue.openwebui_429_metadata.json", 429,
                "OpenRouter error 429: Provider returned error: z-ai/glm-5.3-flash is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: ... [provider: BaseTen]"),
        ];
        foreach ((string file, int status, string expected) in captures)
        {
            foreach (string mode in new[] { "chat-json", "chat-stream", "rest" })
            {
                data.Add(file, status, expected, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task AnyCall_RecordedProviderError_MessageSaysTheProvidersReason(string file, int status, string expected, string mode)
    {
        string path = Path.Combine(RepositoryRoot(), "..", "shared", "captures", file);
        if (!File.Exists(path))
        {
            Assert.Skip($"The recorded capture {file} is not available (expected at {path}); the shared captures folder sits beside the repository.");
        }

        await using RawHttpServer server = RawHttpServer.Start(status, "application/json", await File.ReadAllTextAsync(path, Ct));

        OpenRouterException ex = await CallAsync(server, mode);

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(expected, ex.Message);
        Assert.NotNull(ex.ProviderRawError);
    }

    [Fact]
    public async Task GetResponseAsync_LongProviderReason_IsTrimmedToOneLineOf300Characters()
    {
        string reason = string.Concat(Enumerable.Repeat("overloaded\\n", 60));
        await using RawHttpServer server = RawHttpServer.Start(503, "application/json",
            "{\"error\":{\"code\":503,\"message\":\"Provider returned error\",\"metadata\":{\"provider_name\":\"Acme\",\"raw\":\"" + reason + "\"}}}");

        OpenRouterException ex = await CallAsync(server, "chat-json");

        string quoted = ex.Message["OpenRouter error 503: Provider returned error: ".Length..^" [provider: Acme]".Length];
        Assert.Equal(301, quoted.Length);
        Assert.EndsWith("…", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.StartsWith("overloaded overloaded", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_MessageAlreadyHoldsTheReason_DoesNotRepeatIt()
    {
        await using RawHttpServer server = RawHttpServer.Start(400, "application/json",
            """{"error":{"code":400,"message":"Context too long: 9000 > 8192","metadata":{"provider_name":"Acme","raw":"Context too long: 9000 > 8192"}}}""");

        OpenRouterException ex = await CallAsync(server, "chat-json");

        Assert.Equal("OpenRouter error 400: Context too long: 9000 > 8192 [provider: Acme]", ex.Message);
    }

    private static Task<OpenRouterException> CallAsync(RawHttpServer server, string mode) =>
        FailingCall.ThrowsAsync(mode, new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultModelId = "m/x" }, Ct);

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connectors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Connectors.sln not found above " + AppContext.BaseDirectory);
    }
}
