using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The health status of a provider endpoint (<c>status</c>): <c>0</c> is healthy, negative values are degraded states. The wire sends a number or a string; both are read.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterEndpointStatus>))]
public readonly struct OpenRouterEndpointStatus : IEquatable<OpenRouterEndpointStatus>, IOpenRouterStringValue<OpenRouterEndpointStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterEndpointStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>0</c>: the endpoint is healthy.</summary>
    public static OpenRouterEndpointStatus Ok { get; } = new("0");

    /// <summary>Gets <c>-1</c> (a degraded state; OpenRouter does not document the meaning of each negative value).</summary>
    public static OpenRouterEndpointStatus Minus1 { get; } = new("-1");

    /// <summary>Gets <c>-2</c> (degraded).</summary>
    public static OpenRouterEndpointStatus Minus2 { get; } = new("-2");

    /// <summary>Gets <c>-3</c> (degraded).</summary>
    public static OpenRouterEndpointStatus Minus3 { get; } = new("-3");

    /// <summary>Gets <c>-5</c> (degraded).</summary>
    public static OpenRouterEndpointStatus Minus5 { get; } = new("-5");

    /// <summary>Gets <c>-10</c> (degraded).</summary>
    public static OpenRouterEndpointStatus Minus10 { get; } = new("-10");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterEndpointStatus left, OpenRouterEndpointStatus right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterEndpointStatus left, OpenRouterEndpointStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterEndpointStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterEndpointStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterEndpointStatus IOpenRouterStringValue<OpenRouterEndpointStatus>.Create(string value) => new(value);
}
