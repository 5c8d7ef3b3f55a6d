using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The PKCE code challenge method (<c>code_challenge_method</c>): <c>S256</c> (recommended) or <c>plain</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterCodeChallengeMethod>))]
public readonly struct OpenRouterCodeChallengeMethod : IEquatable<OpenRouterCodeChallengeMethod>, IOpenRouterStringValue<OpenRouterCodeChallengeMethod>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterCodeChallengeMethod(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>S256</c>: SHA-256 of the code verifier, base64url-encoded without padding (RFC 7636). Use this one.</summary>
    public static OpenRouterCodeChallengeMethod S256 { get; } = new("S256");

    /// <summary>Gets <c>plain</c>: The code verifier itself; offers no protection if the challenge is intercepted.</summary>
    public static OpenRouterCodeChallengeMethod Plain { get; } = new("plain");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterCodeChallengeMethod left, OpenRouterCodeChallengeMethod right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterCodeChallengeMethod left, OpenRouterCodeChallengeMethod right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterCodeChallengeMethod other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterCodeChallengeMethod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterCodeChallengeMethod IOpenRouterStringValue<OpenRouterCodeChallengeMethod>.Create(string value) => new(value);
}
