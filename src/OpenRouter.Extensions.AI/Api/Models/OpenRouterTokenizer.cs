using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The tokenizer family of a model (<c>architecture.tokenizer</c>), such as <c>GPT</c> or <c>Claude</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterTokenizer>))]
public readonly struct OpenRouterTokenizer : IEquatable<OpenRouterTokenizer>, IOpenRouterStringValue<OpenRouterTokenizer>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterTokenizer(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>Router</c>.</summary>
    public static OpenRouterTokenizer Router { get; } = new("Router");

    /// <summary>Gets <c>Media</c>.</summary>
    public static OpenRouterTokenizer Media { get; } = new("Media");

    /// <summary>Gets <c>Other</c>.</summary>
    public static OpenRouterTokenizer Other { get; } = new("Other");

    /// <summary>Gets <c>GPT</c>.</summary>
    public static OpenRouterTokenizer GPT { get; } = new("GPT");

    /// <summary>Gets <c>Claude</c>.</summary>
    public static OpenRouterTokenizer Claude { get; } = new("Claude");

    /// <summary>Gets <c>Gemini</c>.</summary>
    public static OpenRouterTokenizer Gemini { get; } = new("Gemini");

    /// <summary>Gets <c>Grok</c>.</summary>
    public static OpenRouterTokenizer Grok { get; } = new("Grok");

    /// <summary>Gets <c>Cohere</c>.</summary>
    public static OpenRouterTokenizer Cohere { get; } = new("Cohere");

    /// <summary>Gets <c>Nova</c>.</summary>
    public static OpenRouterTokenizer Nova { get; } = new("Nova");

    /// <summary>Gets <c>Qwen</c>.</summary>
    public static OpenRouterTokenizer Qwen { get; } = new("Qwen");

    /// <summary>Gets <c>Yi</c>.</summary>
    public static OpenRouterTokenizer Yi { get; } = new("Yi");

    /// <summary>Gets <c>DeepSeek</c>.</summary>
    public static OpenRouterTokenizer DeepSeek { get; } = new("DeepSeek");

    /// <summary>Gets <c>Mistral</c>.</summary>
    public static OpenRouterTokenizer Mistral { get; } = new("Mistral");

    /// <summary>Gets <c>Llama2</c>.</summary>
    public static OpenRouterTokenizer Llama2 { get; } = new("Llama2");

    /// <summary>Gets <c>Llama3</c>.</summary>
    public static OpenRouterTokenizer Llama3 { get; } = new("Llama3");

    /// <summary>Gets <c>Llama4</c>.</summary>
    public static OpenRouterTokenizer Llama4 { get; } = new("Llama4");

    /// <summary>Gets <c>PaLM</c>.</summary>
    public static OpenRouterTokenizer PaLM { get; } = new("PaLM");

    /// <summary>Gets <c>RWKV</c>.</summary>
    public static OpenRouterTokenizer RWKV { get; } = new("RWKV");

    /// <summary>Gets <c>Qwen3</c>.</summary>
    public static OpenRouterTokenizer Qwen3 { get; } = new("Qwen3");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterTokenizer left, OpenRouterTokenizer right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterTokenizer left, OpenRouterTokenizer right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterTokenizer other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterTokenizer other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterTokenizer IOpenRouterStringValue<OpenRouterTokenizer>.Create(string value) => new(value);
}
