using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// An input or output modality of a model (<c>architecture.input_modalities</c> / <c>output_modalities</c>), such as <c>text</c> or <c>image</c>.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterModality>))]
public readonly struct OpenRouterModality : IEquatable<OpenRouterModality>, IOpenRouterStringValue<OpenRouterModality>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterModality(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>text</c>: Text.</summary>
    public static OpenRouterModality Text { get; } = new("text");

    /// <summary>Gets <c>image</c>: Images.</summary>
    public static OpenRouterModality Image { get; } = new("image");

    /// <summary>Gets <c>file</c>: Files such as PDFs.</summary>
    public static OpenRouterModality File { get; } = new("file");

    /// <summary>Gets <c>audio</c>: Audio.</summary>
    public static OpenRouterModality Audio { get; } = new("audio");

    /// <summary>Gets <c>video</c>: Video.</summary>
    public static OpenRouterModality Video { get; } = new("video");

    /// <summary>Gets <c>embeddings</c>: Embedding vectors (output only).</summary>
    public static OpenRouterModality Embeddings { get; } = new("embeddings");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterModality left, OpenRouterModality right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterModality left, OpenRouterModality right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterModality other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterModality other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterModality IOpenRouterStringValue<OpenRouterModality>.Create(string value) => new(value);
}
