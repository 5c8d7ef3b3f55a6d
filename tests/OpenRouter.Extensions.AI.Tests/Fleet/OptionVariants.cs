using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>Pairs of chat options that differ in exactly one OpenRouter field, by name; each must get its own cache entry.</summary>
internal static class OptionVariants
{
    private static readonly Dictionary<string, (Action<ChatOptions> First, Action<ChatOptions> Second)> Pairs = new(StringComparer.Ordinal)
    {
        ["provider.order"] = (o => o.WithProviderRouting(new() { Order = ["anthropic", "openai"] }), o => o.WithProviderRouting(new() { Order = ["openai", "anthropic"] })),
        ["provider.allow_fallbacks"] = (o => o.WithProviderRouting(new() { AllowFallbacks = true }), o => o.WithProviderRouting(new() { AllowFallbacks = false })),
        ["provider.max_price.prompt"] = (o => o.WithProviderRouting(new() { MaxPrice = new() { Prompt = 1m } }), o => o.WithProviderRouting(new() { MaxPrice = new() { Prompt = 2m } })),
        ["provider.extension"] = (o => o.WithProviderRouting(new() { AdditionalProperties = Extra("""{"enforce":1}""") }),
            o => o.WithProviderRouting(new() { AdditionalProperties = Extra("""{"enforce":2}""") })),
        ["reasoning.effort"] = (o => o.WithReasoning(new() { Effort = "low" }), o => o.WithReasoning(new() { Effort = "high" })),
        ["reasoning.max_tokens"] = (o => o.WithReasoning(new() { MaxTokens = 100 }), o => o.WithReasoning(new() { MaxTokens = 200 })),
        ["reasoning.exclude"] = (o => o.WithReasoning(new() { Exclude = true }), o => o.WithReasoning(new() { Exclude = false })),
        ["plugins.max_results"] = (o => o.WithPlugins(OpenRouterPlugin.Web(maxResults: 3)), o => o.WithPlugins(OpenRouterPlugin.Web(maxResults: 5))),
        ["plugins.pdf.engine"] = (o => o.WithPlugins(OpenRouterPlugin.FileParser("pdf-text")), o => o.WithPlugins(OpenRouterPlugin.FileParser("native"))),
        ["response_format.grammar"] = (o => o.WithResponseFormat(OpenRouterResponseFormat.ForGrammar("root ::= \"a\"")),
            o => o.WithResponseFormat(OpenRouterResponseFormat.ForGrammar("root ::= \"b\""))),
        ["response_format.json_schema.strict"] = (o => o.WithResponseFormat(OpenRouterResponseFormat.ForJsonSchema(Schema, strict: true)),
            o => o.WithResponseFormat(OpenRouterResponseFormat.ForJsonSchema(Schema, strict: false))),
        ["models"] = (o => o.WithModelFallbacks("anthropic/claude-sonnet-4"), o => o.WithModelFallbacks("google/gemini-2.5-pro")),
        ["transforms"] = (o => o.WithTransforms("middle-out"), o => o.WithTransforms("other")),
        ["metadata"] = (o => o.WithMetadata(new Dictionary<string, string> { ["team"] = "a" }), o => o.WithMetadata(new Dictionary<string, string> { ["team"] = "b" })),
        ["logit_bias"] = (o => o.WithLogitBias(new Dictionary<int, double> { [42] = 5 }), o => o.WithLogitBias(new Dictionary<int, double> { [42] = 6 })),
        ["user"] = (o => o.WithUser("alice"), o => o.WithUser("bob")),
        ["strict"] = (o => o.WithStrictJsonSchema(true), o => o.WithStrictJsonSchema(false)),
        ["top_logprobs"] = (o => o.WithLogprobs(3), o => o.WithLogprobs(4)),
        ["min_p"] = (o => o.WithMinP(0.1), o => o.WithMinP(0.2)),
        ["top_a"] = (o => o.WithTopA(0.1), o => o.WithTopA(0.2)),
        ["repetition_penalty"] = (o => o.WithRepetitionPenalty(1.1), o => o.WithRepetitionPenalty(1.2)),
        ["verbosity"] = (o => o.WithVerbosity("low"), o => o.WithVerbosity("high")),
        ["max_completion_tokens"] = (o => o.WithMaxCompletionTokens(100), o => o.WithMaxCompletionTokens(200)),
    };

    private static JsonElement Schema { get; } = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement.Clone();

    /// <summary>Gets every variant name (each extension method and each nested field that matters).</summary>
    public static TheoryData<string> All => [.. Pairs.Keys];

    /// <summary>Gets the variants the Redis test sends through a real cache.</summary>
    public static TheoryData<string> OverRedis => ["provider.order", "reasoning.effort", "plugins.max_results", "response_format.json_schema.strict"];

    /// <summary>Creates the two options of a variant.</summary>
    public static (ChatOptions First, ChatOptions Second) Create(string name)
    {
        (Action<ChatOptions> first, Action<ChatOptions> second) = Pairs[name];
        var a = new ChatOptions { Temperature = 0.5f };
        var b = new ChatOptions { Temperature = 0.5f };
        first(a);
        second(b);
        return (a, b);
    }

    private static Dictionary<string, JsonElement> Extra(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
