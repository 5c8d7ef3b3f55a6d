using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// Answers that are well-formed JSON but cannot be true, from a socket-level server (<see cref="RawHttpServer"/>): a key list that
/// ignores <c>offset</c> (paging would never end) and embeddings that cannot be compared (mixed dimensions, empty, NaN, infinite).
/// Each is an <see cref="OpenRouterException"/>, never an endless loop or a vector the caller would have to check.
/// </summary>
public sealed class HostileAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAllAsync_ServerIgnoresOffset_ThrowsAfterTheFirstPageThatBringsNothingNew()
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", """{"data":[{"hash":"k1"},{"hash":"k2"},{"hash":"k3"}]}""");
        using var client = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = "sk-or-provisioning" });

        var hashes = new List<string>();
        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            await foreach (OpenRouterApiKey key in client.Keys.ListAllAsync(cancellationToken: Ct))
            {
                hashes.Add(key.Hash);
            }
        });

        Assert.Equal(["k1", "k2", "k3"], hashes);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("ignores 'offset'", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> IncomparableEmbeddings() => new()
    {
        { "lengths 4 and 2", Answer("[0.1,0.2,0.3,0.4]", "[0.1,0.2]") },
        { "an empty vector", Answer("[]", "[]") },
        { "NaN (base64)", Answer(Base64(0.5f, float.NaN), Base64(0.5f, 0.5f)) },
        { "+Infinity (base64)", Answer(Base64(0.5f, 0.5f), Base64(float.PositiveInfinity, 0.5f)) },
        { "-Infinity (base64)", Answer(Base64(float.NegativeInfinity, 0.5f), Base64(0.5f, 0.5f)) },
        { "1e39, beyond float", Answer("[1e39,0.5]", "[0.5,0.5]") },
    };

    [Theory]
    [MemberData(nameof(IncomparableEmbeddings))]
    public async Task GenerateAsync_VectorsThatCannotBeCompared_IsOpenRouterException(string problem, string answer)
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", answer);
        using var generator = new OpenRouterEmbeddingGenerator(new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultEmbeddingModelId = "m/e" });

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(["first", "second"], cancellationToken: Ct));

        TestContext.Current.TestOutputHelper?.WriteLine($"{problem}: {ex.Message}");
        Assert.Contains("embedding", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GenerateAsync_TwoRequestsOfDifferentDimensions_IsOpenRouterException()
    {
        // One call of 513 inputs is two requests (512 + 1); the server answers the second with another dimension.
        int requests = 0;
        await using RawHttpServer server = RawHttpServer.Start((request, connection, ct) =>
        {
            bool first = Interlocked.Increment(ref requests) == 1;
            string body = first
                ? Answer([.. Enumerable.Repeat("[0.1,0.2]", OpenRouterEmbeddingGenerator.MaxInputsPerRequest)])
                : Answer("[0.1,0.2,0.3]");
            return RawHttpServer.Reply(200, "application/json", Encoding.UTF8.GetBytes(body))(request, connection, ct);
        });
        using var generator = new OpenRouterEmbeddingGenerator(new OpenRouterClientOptions { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultEmbeddingModelId = "m/e" });
        string[] inputs = [.. Enumerable.Range(0, OpenRouterEmbeddingGenerator.MaxInputsPerRequest + 1).Select(i => $"input {i}")];

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => generator.GenerateAsync(inputs, cancellationToken: Ct));

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("embedding 0 of this request has 3 values, where the call's embeddings have 2", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>An embeddings answer with one item per vector (JSON arrays or quoted base64 strings, as given).</summary>
    private static string Answer(params string[] vectors) =>
        """{"id":"gen-e","object":"list","model":"m/e","data":["""
        + string.Join(',', vectors.Select((v, i) => """{"object":"embedding","index":""" + i.ToString(CultureInfo.InvariantCulture) + ""","embedding":""" + v + "}"))
        + """],"usage":{"prompt_tokens":2,"total_tokens":2}}""";

    /// <summary>A quoted base64 string of little-endian float32 values.</summary>
    private static string Base64(params float[] values)
    {
        byte[] bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return string.Create(CultureInfo.InvariantCulture, $"\"{Convert.ToBase64String(bytes)}\"");
    }
}
