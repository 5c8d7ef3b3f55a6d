using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The <c>usage</c> object of the <c>/embeddings</c> and <c>/images</c> answers (<c>EmbeddingsUsage</c>, <c>ImageGenerationUsage</c>):
/// token counts and the cost in credits. Members this type does not name are kept in <see cref="AdditionalProperties"/>.
/// </summary>
internal sealed class UsageWire
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long? CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    public long? TotalTokens { get; set; }

    [JsonPropertyName("cost")]
    [JsonConverter(typeof(OpenRouterDecimalConverter))]
    public decimal? Cost { get; set; }

    [JsonPropertyName("is_byok")]
    public bool? IsByok { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Adds this usage to <paramref name="total"/> (created when <see langword="null"/>) and returns it.</summary>
    public UsageDetails AddTo(UsageDetails? total)
    {
        total ??= new UsageDetails();
        total.InputTokenCount = Sum(total.InputTokenCount, PromptTokens);
        total.OutputTokenCount = Sum(total.OutputTokenCount, CompletionTokens);
        total.TotalTokenCount = Sum(total.TotalTokenCount, TotalTokens ?? (PromptTokens is null && CompletionTokens is null ? null : (PromptTokens ?? 0) + (CompletionTokens ?? 0)));
        return total;
    }

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
