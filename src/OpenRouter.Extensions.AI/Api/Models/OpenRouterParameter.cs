using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// A request parameter a model or endpoint supports (<c>supported_parameters</c>), such as <c>tools</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterParameter>))]
public readonly struct OpenRouterParameter : IEquatable<OpenRouterParameter>, IOpenRouterStringValue<OpenRouterParameter>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterParameter(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>temperature</c>.</summary>
    public static OpenRouterParameter Temperature { get; } = new("temperature");

    /// <summary>Gets <c>top_p</c>.</summary>
    public static OpenRouterParameter TopP { get; } = new("top_p");

    /// <summary>Gets <c>top_k</c>.</summary>
    public static OpenRouterParameter TopK { get; } = new("top_k");

    /// <summary>Gets <c>min_p</c>.</summary>
    public static OpenRouterParameter MinP { get; } = new("min_p");

    /// <summary>Gets <c>top_a</c>.</summary>
    public static OpenRouterParameter TopA { get; } = new("top_a");

    /// <summary>Gets <c>frequency_penalty</c>.</summary>
    public static OpenRouterParameter FrequencyPenalty { get; } = new("frequency_penalty");

    /// <summary>Gets <c>presence_penalty</c>.</summary>
    public static OpenRouterParameter PresencePenalty { get; } = new("presence_penalty");

    /// <summary>Gets <c>repetition_penalty</c>.</summary>
    public static OpenRouterParameter RepetitionPenalty { get; } = new("repetition_penalty");

    /// <summary>Gets <c>max_tokens</c>.</summary>
    public static OpenRouterParameter MaxTokens { get; } = new("max_tokens");

    /// <summary>Gets <c>logit_bias</c>.</summary>
    public static OpenRouterParameter LogitBias { get; } = new("logit_bias");

    /// <summary>Gets <c>logprobs</c>.</summary>
    public static OpenRouterParameter Logprobs { get; } = new("logprobs");

    /// <summary>Gets <c>top_logprobs</c>.</summary>
    public static OpenRouterParameter TopLogprobs { get; } = new("top_logprobs");

    /// <summary>Gets <c>seed</c>.</summary>
    public static OpenRouterParameter Seed { get; } = new("seed");

    /// <summary>Gets <c>response_format</c>.</summary>
    public static OpenRouterParameter ResponseFormat { get; } = new("response_format");

    /// <summary>Gets <c>structured_outputs</c>.</summary>
    public static OpenRouterParameter StructuredOutputs { get; } = new("structured_outputs");

    /// <summary>Gets <c>stop</c>.</summary>
    public static OpenRouterParameter Stop { get; } = new("stop");

    /// <summary>Gets <c>tools</c>.</summary>
    public static OpenRouterParameter Tools { get; } = new("tools");

    /// <summary>Gets <c>tool_choice</c>.</summary>
    public static OpenRouterParameter ToolChoice { get; } = new("tool_choice");

    /// <summary>Gets <c>parallel_tool_calls</c>.</summary>
    public static OpenRouterParameter ParallelToolCalls { get; } = new("parallel_tool_calls");

    /// <summary>Gets <c>include_reasoning</c>.</summary>
    public static OpenRouterParameter IncludeReasoning { get; } = new("include_reasoning");

    /// <summary>Gets <c>reasoning</c>.</summary>
    public static OpenRouterParameter Reasoning { get; } = new("reasoning");

    /// <summary>Gets <c>web_search_options</c>.</summary>
    public static OpenRouterParameter WebSearchOptions { get; } = new("web_search_options");

    /// <summary>Gets <c>verbosity</c>.</summary>
    public static OpenRouterParameter Verbosity { get; } = new("verbosity");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterParameter left, OpenRouterParameter right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterParameter left, OpenRouterParameter right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterParameter other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterParameter other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterParameter IOpenRouterStringValue<OpenRouterParameter>.Create(string value) => new(value);
}
