using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json;
using CsCheck;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability.Fuzz;

/// <summary>
/// Property-based fuzzing of the REST client's JSON: mutated fixtures of every endpoint (models, endpoints, parameters,
/// providers, keys, auth) go through <see cref="OpenRouterClient"/> over an in-memory transport. Every case completes or
/// throws <see cref="OpenRouterException"/>, within 5 s.
/// </summary>
public sealed class ApiFuzzTests
{
    private static readonly string[] Names = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Api"), "*.json").Order(StringComparer.Ordinal)];
    private static readonly byte[][] Fixtures = [.. Names.Select(File.ReadAllBytes)];

    [Fact]
    public async Task OpenRouterClient_MutatedFixtures_CompletesOrThrowsOpenRouterException()
    {
        Assert.NotEmpty(Fixtures);
        await FuzzProperty.SampleAsync(FuzzMutator.Cases(Fixtures.Length), (c, ct) => CallAsync(c.Fixture, FuzzMutator.Apply(c, Fixtures), (HttpStatusCode)c.Status, c.ChunkSize, ct));
    }

    [Fact]
    public async Task OpenRouterClient_UnmutatedFixtures_Complete()
    {
        // The harness itself: every fixture is answered by the call it belongs to, and parses.
        for (int i = 0; i < Fixtures.Length; i++)
        {
            object? result = await CallAsync(i, Fixtures[i], HttpStatusCode.OK, 0, TestContext.Current.CancellationToken);
            Assert.True(result is not null || Names[i].EndsWith("key-deleted.json", StringComparison.Ordinal), Names[i]);
        }
    }

    private static async Task<object?> CallAsync(int fixture, byte[] body, HttpStatusCode status, int chunkSize, CancellationToken ct)
    {
        using var handler = new RecordingHandler().RespondBytes(body, "application/json", status, chunkSize, everyRequest: true);
        using var client = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = "sk-or-fuzz" }, new HttpClient(handler));
        object? result = Path.GetFileName(Names[fixture]) switch
        {
            "models.json" => await client.Models.ListAsync(cancellationToken: ct),
            "model-endpoints.json" => await client.Models.GetEndpointsAsync("openai/gpt-4o", ct),
            "endpoints-zdr.json" => await client.Models.ListZdrEndpointsAsync(ct),
            "parameters.json" => await client.Models.GetParametersAsync("openai/gpt-4o", cancellationToken: ct),
            "providers.json" => await client.Providers.ListAsync(ct),
            "current-key.json" => await client.Keys.GetCurrentAsync(ct),
            "keys.json" => await client.Keys.ListAsync(cancellationToken: ct),
            "key.json" => await client.Keys.GetAsync("hash", ct),
            "key-created.json" => await client.Keys.CreateAsync(new OpenRouterCreateKeyRequest("fuzz"), ct),
            "key-deleted.json" => await DeleteAsync(client, ct),
            "auth-code.json" => await client.Auth.CreateCodeAsync(new OpenRouterAuthCodeRequest(new Uri("https://example.com/cb")), ct),
            "generation.json" => await client.Generations.GetAsync("gen-fuzz", ct),
            "credits.json" => await client.Credits.GetAsync(ct),
            "auth-key.json" => await client.Auth.ExchangeCodeAsync("code", OpenRouterPkce.CreateCodeVerifier(), cancellationToken: ct),
            string name => throw new InvalidOperationException($"No call for fixture {name}."),
        };

        Touch(result, depth: 0);
        return result;
    }

    private static async Task<object?> DeleteAsync(OpenRouterClient client, CancellationToken ct)
    {
        await client.Keys.DeleteAsync("hash", ct);
        return null;
    }

    /// <summary>Reads every public property (a few levels deep), as a caller printing the result would.</summary>
    private static void Touch(object? value, int depth)
    {
        if (value is null || depth > 4 || value is string || value.GetType().IsPrimitive)
        {
            return;
        }

        if (value is JsonElement element)
        {
            // A kept unknown member is the server's JSON as it came: its raw text always reads. Its string accessors
            // follow System.Text.Json's own rules (a lone surrogate escape such as "\ud800" throws there, as it would
            // for any JsonElement the caller parsed), which are not this library's to change.
            _ = element.GetRawText();
            return;
        }

        if (value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            // A pair's ToString prints its value (see above); its two properties are read below.
        }
        else
        {
            _ = value.ToString();
        }
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                Touch(item, depth + 1);
            }

            return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                Touch(property.GetValue(value), depth + 1);
            }
        }
    }
}
