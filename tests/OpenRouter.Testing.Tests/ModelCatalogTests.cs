using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing.Tests;

public sealed class ModelCatalogTests
{
    [Fact]
    public void CatalogJson_Fixture_HasAtLeastSixtyVariedModels()
    {
        using JsonDocument doc = JsonDocument.Parse(OpenRouterEmulator.CatalogJson);
        JsonElement[] models = [.. doc.RootElement.GetProperty("data").EnumerateArray()];

        Assert.True(models.Length >= 60, $"only {models.Length} models");
        Assert.Equal(models.Length, models.Select(m => m.GetProperty("id").GetString()).Distinct().Count());
        string[] authors = [.. models.Select(m => m.GetProperty("id").GetString()!.Split('/')[0]).Distinct()];
        Assert.Superset(new HashSet<string> { "openai", "anthropic", "google", "meta-llama", "mistralai", "deepseek", "qwen", "x-ai", "cohere" }, authors.ToHashSet());
        Assert.Contains(models, m => m.GetProperty("id").GetString()!.EndsWith(":free", StringComparison.Ordinal) && m.GetProperty("pricing").GetProperty("prompt").GetString() == "0");
        Assert.Contains(models, m => m.GetProperty("pricing").GetProperty("prompt").ValueKind == JsonValueKind.Number);
        Assert.Contains(models, m => Strings(m.GetProperty("architecture").GetProperty("output_modalities")).Contains("embeddings"));
        Assert.Contains(models, m => Strings(m.GetProperty("architecture").GetProperty("input_modalities")).Contains("audio"));
        Assert.Contains(models, m => Strings(m.GetProperty("architecture").GetProperty("input_modalities")).Contains("video"));
        Assert.Contains(models, m => Strings(m.GetProperty("architecture").GetProperty("input_modalities")).SequenceEqual(["text"]));
        Assert.Contains(models, m => !Strings(m.GetProperty("supported_parameters")).Contains("tools"));
        Assert.Contains(models, m => Strings(m.GetProperty("supported_parameters")).Contains("structured_outputs"));
        Assert.Contains(models, m => m.GetProperty("top_provider").GetProperty("max_completion_tokens").ValueKind == JsonValueKind.Null);
        Assert.Contains(models, m => m.GetProperty("architecture").GetProperty("tokenizer").GetString() == "FixtureTokenizerX");
        Assert.Contains(models, m => m.TryGetProperty("fixture_unknown_field", out _));
        Assert.All(models, m =>
        {
            foreach (string required in (string[])["id", "canonical_slug", "name", "created", "pricing", "context_length", "architecture", "top_provider", "per_request_limits", "supported_parameters", "default_parameters"])
            {
                Assert.True(m.TryGetProperty(required, out _), $"{m.GetProperty("id")} lacks {required}");
            }
        });
    }

    [Fact]
    public async Task Models_SupportedParametersFilter_ReturnsOnlyMatchingModels()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        string all = await http.GetStringAsync("models", TestContext.Current.CancellationToken);
        string filtered = await http.GetStringAsync("models?supported_parameters=tools,reasoning", TestContext.Current.CancellationToken);

        Assert.Equal(OpenRouterEmulator.CatalogJson, all);
        JsonArray models = JsonNode.Parse(filtered)!["data"]!.AsArray();
        Assert.InRange(models.Count, 1, JsonNode.Parse(all)!["data"]!.AsArray().Count - 1);
        Assert.All(models, m =>
        {
            string[] parameters = [.. m!["supported_parameters"]!.AsArray().Select(p => p!.GetValue<string>())];
            Assert.Contains("tools", parameters);
            Assert.Contains("reasoning", parameters);
        });
    }

    [Fact]
    public async Task EmbeddingsModels_Get_ReturnsOnlyEmbeddingModels()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        JsonArray models = JsonNode.Parse(await http.GetStringAsync("models/embeddings", TestContext.Current.CancellationToken))!["data"]!.AsArray();

        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.Contains("embeddings", m!["architecture"]!["output_modalities"]!.AsArray().Select(x => x!.GetValue<string>())));
    }

    [Fact]
    public async Task Endpoints_KnownModel_ReturnsEndpointsDerivedFromModel()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        JsonNode data = JsonNode.Parse(await http.GetStringAsync("models/openai/gpt-4o/endpoints", TestContext.Current.CancellationToken))!["data"]!;

        Assert.Equal("openai/gpt-4o", data["id"]!.GetValue<string>());
        Assert.Equal("GPT", data["architecture"]!["tokenizer"]!.GetValue<string>());
        JsonArray endpoints = data["endpoints"]!.AsArray();
        Assert.NotEmpty(endpoints);
        Assert.Equal("OpenAI", endpoints[0]!["provider_name"]!.GetValue<string>());
        Assert.Equal(128000, endpoints[0]!["context_length"]!.GetValue<int>());
        Assert.Equal("0.0000025", endpoints[0]!["pricing"]!["prompt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Endpoints_UnknownModel_Returns404JsonError()
    {
        await using var emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        using var response = await http.GetAsync("models/nobody/nothing/endpoints", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(404, body["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Models_CustomCatalogOption_IsServed()
    {
        const string catalog = """{"data":[{"id":"a/b","name":"B"}]}""";
        await using var emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { CatalogJson = catalog }, TestContext.Current.CancellationToken);
        using HttpClient http = emulator.CreateHttpClient();

        Assert.Equal(catalog, await http.GetStringAsync("models", TestContext.Current.CancellationToken));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
