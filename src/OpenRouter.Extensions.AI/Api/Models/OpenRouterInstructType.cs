using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The prompt format a model was instruction-tuned with (<c>architecture.instruct_type</c>), such as <c>chatml</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterInstructType>))]
public readonly struct OpenRouterInstructType : IEquatable<OpenRouterInstructType>, IOpenRouterStringValue<OpenRouterInstructType>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterInstructType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>none</c>.</summary>
    public static OpenRouterInstructType None { get; } = new("none");

    /// <summary>Gets <c>airoboros</c>.</summary>
    public static OpenRouterInstructType Airoboros { get; } = new("airoboros");

    /// <summary>Gets <c>alpaca</c>.</summary>
    public static OpenRouterInstructType Alpaca { get; } = new("alpaca");

    /// <summary>Gets <c>alpaca-modif</c>.</summary>
    public static OpenRouterInstructType AlpacaModif { get; } = new("alpaca-modif");

    /// <summary>Gets <c>chatml</c>.</summary>
    public static OpenRouterInstructType Chatml { get; } = new("chatml");

    /// <summary>Gets <c>claude</c>.</summary>
    public static OpenRouterInstructType Claude { get; } = new("claude");

    /// <summary>Gets <c>code-llama</c>.</summary>
    public static OpenRouterInstructType CodeLlama { get; } = new("code-llama");

    /// <summary>Gets <c>gemma</c>.</summary>
    public static OpenRouterInstructType Gemma { get; } = new("gemma");

    /// <summary>Gets <c>llama2</c>.</summary>
    public static OpenRouterInstructType Llama2 { get; } = new("llama2");

    /// <summary>Gets <c>llama3</c>.</summary>
    public static OpenRouterInstructType Llama3 { get; } = new("llama3");

    /// <summary>Gets <c>mistral</c>.</summary>
    public static OpenRouterInstructType Mistral { get; } = new("mistral");

    /// <summary>Gets <c>nemotron</c>.</summary>
    public static OpenRouterInstructType Nemotron { get; } = new("nemotron");

    /// <summary>Gets <c>neural</c>.</summary>
    public static OpenRouterInstructType Neural { get; } = new("neural");

    /// <summary>Gets <c>openchat</c>.</summary>
    public static OpenRouterInstructType Openchat { get; } = new("openchat");

    /// <summary>Gets <c>phi3</c>.</summary>
    public static OpenRouterInstructType Phi3 { get; } = new("phi3");

    /// <summary>Gets <c>rwkv</c>.</summary>
    public static OpenRouterInstructType Rwkv { get; } = new("rwkv");

    /// <summary>Gets <c>vicuna</c>.</summary>
    public static OpenRouterInstructType Vicuna { get; } = new("vicuna");

    /// <summary>Gets <c>zephyr</c>.</summary>
    public static OpenRouterInstructType Zephyr { get; } = new("zephyr");

    /// <summary>Gets <c>deepseek-r1</c>.</summary>
    public static OpenRouterInstructType DeepseekR1 { get; } = new("deepseek-r1");

    /// <summary>Gets <c>deepseek-v3.1</c>.</summary>
    public static OpenRouterInstructType DeepseekV31 { get; } = new("deepseek-v3.1");

    /// <summary>Gets <c>qwq</c>.</summary>
    public static OpenRouterInstructType Qwq { get; } = new("qwq");

    /// <summary>Gets <c>qwen3</c>.</summary>
    public static OpenRouterInstructType Qwen3 { get; } = new("qwen3");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterInstructType left, OpenRouterInstructType right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterInstructType left, OpenRouterInstructType right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterInstructType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterInstructType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterInstructType IOpenRouterStringValue<OpenRouterInstructType>.Create(string value) => new(value);
}
