using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// How often an API key's credit limit resets (<c>limit_reset</c>), such as <c>monthly</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterLimitReset>))]
public readonly struct OpenRouterLimitReset : IEquatable<OpenRouterLimitReset>, IOpenRouterStringValue<OpenRouterLimitReset>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterLimitReset(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>daily</c>: Every day (midnight UTC).</summary>
    public static OpenRouterLimitReset Daily { get; } = new("daily");

    /// <summary>Gets <c>weekly</c>: Every week (Monday, midnight UTC).</summary>
    public static OpenRouterLimitReset Weekly { get; } = new("weekly");

    /// <summary>Gets <c>monthly</c>: Every month (the first, midnight UTC).</summary>
    public static OpenRouterLimitReset Monthly { get; } = new("monthly");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterLimitReset left, OpenRouterLimitReset right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterLimitReset left, OpenRouterLimitReset right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterLimitReset other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterLimitReset other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterLimitReset IOpenRouterStringValue<OpenRouterLimitReset>.Create(string value) => new(value);
}
