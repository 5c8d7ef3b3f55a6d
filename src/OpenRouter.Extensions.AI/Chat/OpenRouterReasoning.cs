using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>reasoning</c> request object. Set it with <see cref="OpenRouterChatOptionsExtensions.WithReasoning"/>
/// (or as <c>AdditionalProperties["reasoning"]</c>, typed or as a dictionary/JSON). Its fields win over those derived
/// from <see cref="ChatOptions.Reasoning"/>.
/// </summary>
/// <remarks>
/// <see cref="ChatOptions.Reasoning"/> maps as follows: <see cref="ReasoningEffort.Low"/>/<see cref="ReasoningEffort.Medium"/>/<see cref="ReasoningEffort.High"/>
/// → <c>effort</c> <c>low</c>/<c>medium</c>/<c>high</c>; <see cref="ReasoningEffort.ExtraHigh"/> → <c>xhigh</c>;
/// <see cref="ReasoningEffort.None"/> → <c>enabled: false</c> (OpenRouter's switch that works for every provider);
/// <see cref="ReasoningOutput.None"/> → <c>exclude: true</c>; <see cref="ReasoningOutput.Summary"/> → <c>summary: "auto"</c>;
/// <see cref="ReasoningOutput.Full"/> → nothing excluded. <c>effort</c> and <c>max_tokens</c> are alternatives: when
/// <see cref="MaxTokens"/> is set, no effort is derived from <see cref="ChatOptions.Reasoning"/>.
/// </remarks>
public sealed class OpenRouterReasoning
{
    /// <summary>Gets or sets <c>effort</c>: <c>xhigh</c>, <c>high</c>, <c>medium</c>, <c>low</c>, <c>minimal</c> or <c>none</c>.</summary>
    public string? Effort { get; set; }

    /// <summary>Gets or sets <c>max_tokens</c>, a reasoning token budget (Anthropic, Gemini and others).</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets <c>enabled</c>; <see langword="false"/> turns reasoning off where the model allows it.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Gets or sets <c>exclude</c>; <see langword="true"/> lets the model reason but leaves the reasoning out of the response.</summary>
    public bool? Exclude { get; set; }

    /// <summary>Gets or sets <c>summary</c>: <c>auto</c>, <c>concise</c> or <c>detailed</c>.</summary>
    public string? Summary { get; set; }

    /// <summary>Gets or sets fields OpenRouter adds later, written as they are.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Merges MEAI's <see cref="ReasoningOptions"/> with an OpenRouter <c>reasoning</c> value (typed, dictionary or JSON); the latter wins field by field.</summary>
    internal static OpenRouterReasoning? Combine(ReasoningOptions? options, object? openRouterValue)
    {
        OpenRouterReasoning? result = openRouterValue switch
        {
            null => null,
            OpenRouterReasoning typed => new OpenRouterReasoning
            {
                Effort = typed.Effort,
                MaxTokens = typed.MaxTokens,
                Enabled = typed.Enabled,
                Exclude = typed.Exclude,
                Summary = typed.Summary,
                AdditionalProperties = typed.AdditionalProperties,
            },
            _ => ConvertOrThrow(openRouterValue),
        };

        if (options is not null)
        {
            result ??= new OpenRouterReasoning();
            // effort and max_tokens are alternatives (OpenRouter accepts one or the other): a token budget wins.
            if (result.Effort is null && result.Enabled is null && result.MaxTokens is null)
            {
                switch (options.Effort)
                {
                    case ReasoningEffort.None:
                        result.Enabled = false;
                        break;
                    case ReasoningEffort.Low:
                        result.Effort = "low";
                        break;
                    case ReasoningEffort.Medium:
                        result.Effort = "medium";
                        break;
                    case ReasoningEffort.High:
                        result.Effort = "high";
                        break;
                    case ReasoningEffort.ExtraHigh:
                        result.Effort = "xhigh";
                        break;
                }
            }

            switch (options.Output)
            {
                case ReasoningOutput.None:
                    result.Exclude ??= true;
                    break;
                case ReasoningOutput.Summary:
                    result.Summary ??= "auto";
                    break;
            }
        }

        return result is { Effort: null, MaxTokens: null, Enabled: null, Exclude: null, Summary: null, AdditionalProperties: null or { Count: 0 } } ? null : result;
    }

    private static OpenRouterReasoning? ConvertOrThrow(object value)
    {
        try
        {
            return JsonValueWriter.ConvertTo(value, OpenRouterJsonContext.Default.OpenRouterReasoning);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException(
                $"AdditionalProperties[\"reasoning\"] must be an OpenRouterReasoning or an object with OpenRouter's reasoning fields (effort, max_tokens, enabled, exclude, summary): {ex.Message}",
                ex);
        }
    }
}
