using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The weight quantization an endpoint serves a model with (<c>quantization</c>), such as <c>fp8</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterQuantization>))]
public readonly struct OpenRouterQuantization : IEquatable<OpenRouterQuantization>, IOpenRouterStringValue<OpenRouterQuantization>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterQuantization(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>int4</c>: 4-bit integers.</summary>
    public static OpenRouterQuantization Int4 { get; } = new("int4");

    /// <summary>Gets <c>int8</c>: 8-bit integers.</summary>
    public static OpenRouterQuantization Int8 { get; } = new("int8");

    /// <summary>Gets <c>fp4</c>: 4-bit floating point.</summary>
    public static OpenRouterQuantization Fp4 { get; } = new("fp4");

    /// <summary>Gets <c>fp6</c>: 6-bit floating point.</summary>
    public static OpenRouterQuantization Fp6 { get; } = new("fp6");

    /// <summary>Gets <c>fp8</c>: 8-bit floating point.</summary>
    public static OpenRouterQuantization Fp8 { get; } = new("fp8");

    /// <summary>Gets <c>fp16</c>: 16-bit floating point.</summary>
    public static OpenRouterQuantization Fp16 { get; } = new("fp16");

    /// <summary>Gets <c>bf16</c>: bfloat16.</summary>
    public static OpenRouterQuantization Bf16 { get; } = new("bf16");

    /// <summary>Gets <c>fp32</c>: 32-bit floating point.</summary>
    public static OpenRouterQuantization Fp32 { get; } = new("fp32");

    /// <summary>Gets <c>unknown</c>: The provider did not say.</summary>
    public static OpenRouterQuantization Unknown { get; } = new("unknown");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterQuantization left, OpenRouterQuantization right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterQuantization left, OpenRouterQuantization right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterQuantization other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterQuantization other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterQuantization IOpenRouterStringValue<OpenRouterQuantization>.Create(string value) => new(value);
}
