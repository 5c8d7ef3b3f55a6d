using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Extensions.AI.Tests.Reliability;

namespace OpenRouter.Extensions.AI.Tests.Images;

/// <summary>
/// What a large image answer costs the client: a socket-level server (<see cref="RawHttpServer"/>) sends one 48 MB image as
/// <c>b64_json</c> (a 64 MB body, with a Content-Length or chunked), and <see cref="GC.GetTotalAllocatedBytes(bool)"/> measures the
/// bytes the call allocates, alone (process-wide): the first call and the next one (as in a process that keeps generating images,
/// whose pooled segments are warm). Every byte a first call holds at its peak was allocated by it, so its allocation bounds its peak;
/// a next call holds its allocation plus the pooled segments it reuses (a chunked body's size at most). Both numbers are printed
/// (bench/README.md, scenario g, has them); the next call's allocation is held to the benchmark's target, at most 4x the body.
/// </summary>
[Collection(nameof(ProcessWideMeasurementCollection))]
[Experimental("MEAI001")]
public sealed class ImageAnswerMemoryTests
{
    private const int ImageBytes = 48 * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_64MegabyteAnswer_AllocatesAtMostFourTimesTheBody(bool chunked)
    {
        (byte[] image, byte[] body) = Answer();
        await using RawHttpServer server = RawHttpServer.Start(chunked ? Chunked(body) : RawHttpServer.Reply(200, "application/json", body));
        using var generator = new OpenRouterImageGenerator(new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultImageModelId = "m/image" });

        long cold = await MeasureAsync(generator, image);
        long warm = await MeasureAsync(generator, image);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(chunked ? "chunked" : "Content-Length")}: a {body.Length:N0}-byte answer holding a {image.Length:N0}-byte image: first call {cold:N0} bytes allocated ({(double)cold / body.Length:F2}x the body), next call {warm:N0} ({(double)warm / body.Length:F2}x)"));
        Assert.True(warm <= 4L * body.Length, $"{warm:N0} bytes allocated for a {body.Length:N0}-byte body ({(double)warm / body.Length:F2}x; the target is at most 4x)");
    }

    /// <summary>The body in chunks of 1 MB, without a Content-Length.</summary>
    private static RawHttpServer.Responder Chunked(byte[] body) => async (_, connection, ct) =>
    {
        await RawHttpServer.WriteHeadAsync(connection, 200, null, [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], ct);
        for (int offset = 0; offset < body.Length; offset += 1024 * 1024)
        {
            int count = Math.Min(1024 * 1024, body.Length - offset);
            await connection.WriteAsync(Encoding.ASCII.GetBytes(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), ct);
            await connection.WriteAsync(body.AsMemory(offset, count), ct);
            await connection.WriteAsync("\r\n"u8.ToArray(), ct);
        }

        await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
    };

    private static async Task<long> MeasureAsync(OpenRouterImageGenerator generator, byte[] image)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        ImageGenerationResponse response = await generator.GenerateAsync(new ImageGenerationRequest("a large picture"), cancellationToken: Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        DataContent picture = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", picture.MediaType);
        Assert.True(picture.Data.Span.SequenceEqual(image), "the decoded image differs from the one sent");
        return allocated;
    }

    /// <summary>A PNG-looking image of <see cref="ImageBytes"/> bytes and the answer that carries it as base64.</summary>
    private static (byte[] Image, byte[] Body) Answer()
    {
        byte[] image = new byte[ImageBytes];
        new Random(26).NextBytes(image);
        ((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).CopyTo(image);
        string json = """{"created":1760000000,"data":[{"b64_json":""" + "\"" + Convert.ToBase64String(image) + "\"" +
            ""","media_type":"image/png"}],"usage":{"prompt_tokens":10,"completion_tokens":1290,"total_tokens":1300,"cost":0.04}}""";
        return (image, Encoding.UTF8.GetBytes(json));
    }
}
