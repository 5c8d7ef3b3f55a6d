using System.Globalization;
using System.Net;
using System.Text;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// A 50 MB error body (a proxy's HTML page) is read only up to the error limit (64 KB), in every mode and with both
/// framings: the call allocates under 1 MB, measured with <see cref="GC.GetTotalAllocatedBytes(bool)"/>. The numbers
/// are printed to the test output and recorded in docs/fault-matrix.md. An allocation bound, not a timing.
/// </summary>
[Collection(nameof(ProcessWideMeasurementCollection))]
public sealed class ErrorBodyAllocationTests
{
    private const long BodyBytes = 50L * 1024 * 1024;

    private const long AllowedBytes = 1024 * 1024;

    private static readonly byte[] Block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>Bad gateway, padding the page.</p>\n", 1800))).AsSpan(0, 64 * 1024).ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("chat-json", false)]
    [InlineData("chat-json", true)]
    [InlineData("chat-stream", false)]
    [InlineData("chat-stream", true)]
    [InlineData("rest", false)]
    [InlineData("rest", true)]
    public async Task AnyCall_50MegabyteErrorBody_AllocatesUnderOneMegabyte(string mode, bool chunked)
    {
        await using RawHttpServer server = RawHttpServer.Start(async (_, connection, ct) =>
        {
            (string, string)[] headers = chunked
                ? [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]
                : [("Content-Type", "text/html"), ("Content-Length", BodyBytes.ToString(CultureInfo.InvariantCulture))];
            await RawHttpServer.WriteHeadAsync(connection, 502, null, headers, ct);
            await RawHttpServer.WriteRepeatedAsync(connection, Block, BodyBytes, chunked, ct);
        });
        var options = new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultModelId = "m/x" };

        // The first call warms up JIT and the connection machinery; the second one is measured.
        await CallAsync(mode, options);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        OpenRouterException ex = await CallAsync(mode, options);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        TestContext.Current.TestOutputHelper?.WriteLine($"{mode}, {(chunked ? "chunked" : "Content-Length")}: {allocated:N0} bytes allocated for a {BodyBytes:N0}-byte error body");
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.True(allocated < AllowedBytes, $"{allocated:N0} bytes allocated (limit {AllowedBytes:N0})");
    }

    private static Task<OpenRouterException> CallAsync(string mode, OpenRouterClientOptions options) => FailingCall.ThrowsAsync(mode, options, Ct);
}
