using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The display name of an upstream provider (<c>provider_name</c>), such as <c>OpenAI</c> or <c>Google AI Studio</c>. Only the most common providers are listed as members; any other name is kept as is.
/// </summary>
/// <remarks>
/// OpenRouter adds values over time, so this is an open set: any string is accepted and kept as <see cref="Value"/>,
/// and the static members name the known values. Equality is ordinal and case-insensitive.
/// </remarks>
[JsonConverter(typeof(OpenRouterStringValueConverter<OpenRouterProviderName>))]
public readonly struct OpenRouterProviderName : IEquatable<OpenRouterProviderName>, IOpenRouterStringValue<OpenRouterProviderName>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance with the given wire value.</summary>
    /// <param name="value">The value as OpenRouter spells it.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or white space.</exception>
    public OpenRouterProviderName(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>OpenAI</c>: OpenAI.</summary>
    public static OpenRouterProviderName OpenAI { get; } = new("OpenAI");

    /// <summary>Gets <c>Anthropic</c>: Anthropic.</summary>
    public static OpenRouterProviderName Anthropic { get; } = new("Anthropic");

    /// <summary>Gets <c>Google</c>: Google Vertex.</summary>
    public static OpenRouterProviderName Google { get; } = new("Google");

    /// <summary>Gets <c>Google AI Studio</c>: Google AI Studio.</summary>
    public static OpenRouterProviderName GoogleAIStudio { get; } = new("Google AI Studio");

    /// <summary>Gets <c>Amazon Bedrock</c>: Amazon Bedrock.</summary>
    public static OpenRouterProviderName AmazonBedrock { get; } = new("Amazon Bedrock");

    /// <summary>Gets <c>Azure</c>: Azure.</summary>
    public static OpenRouterProviderName Azure { get; } = new("Azure");

    /// <summary>Gets <c>Mistral</c>: Mistral.</summary>
    public static OpenRouterProviderName Mistral { get; } = new("Mistral");

    /// <summary>Gets <c>DeepSeek</c>: DeepSeek.</summary>
    public static OpenRouterProviderName DeepSeek { get; } = new("DeepSeek");

    /// <summary>Gets <c>Groq</c>: Groq.</summary>
    public static OpenRouterProviderName Groq { get; } = new("Groq");

    /// <summary>Gets <c>Cerebras</c>: Cerebras.</summary>
    public static OpenRouterProviderName Cerebras { get; } = new("Cerebras");

    /// <summary>Gets <c>Together</c>: Together.</summary>
    public static OpenRouterProviderName Together { get; } = new("Together");

    /// <summary>Gets <c>Fireworks</c>: Fireworks.</summary>
    public static OpenRouterProviderName Fireworks { get; } = new("Fireworks");

    /// <summary>Gets <c>DeepInfra</c>: DeepInfra.</summary>
    public static OpenRouterProviderName DeepInfra { get; } = new("DeepInfra");

    /// <summary>Gets <c>Novita</c>: Novita.</summary>
    public static OpenRouterProviderName Novita { get; } = new("Novita");

    /// <summary>Gets <c>Nebius</c>: Nebius.</summary>
    public static OpenRouterProviderName Nebius { get; } = new("Nebius");

    /// <summary>Gets <c>Parasail</c>: Parasail.</summary>
    public static OpenRouterProviderName Parasail { get; } = new("Parasail");

    /// <summary>Gets <c>SambaNova</c>: SambaNova.</summary>
    public static OpenRouterProviderName SambaNova { get; } = new("SambaNova");

    /// <summary>Gets <c>Cohere</c>: Cohere.</summary>
    public static OpenRouterProviderName Cohere { get; } = new("Cohere");

    /// <summary>Gets <c>Perplexity</c>: Perplexity.</summary>
    public static OpenRouterProviderName Perplexity { get; } = new("Perplexity");

    /// <summary>Gets <c>xAI</c>: xAI.</summary>
    public static OpenRouterProviderName XAI { get; } = new("xAI");

    /// <summary>Gets <c>Moonshot AI</c>: Moonshot AI.</summary>
    public static OpenRouterProviderName MoonshotAI { get; } = new("Moonshot AI");

    /// <summary>Gets <c>Alibaba</c>: Alibaba.</summary>
    public static OpenRouterProviderName Alibaba { get; } = new("Alibaba");

    /// <summary>Gets <c>Chutes</c>: Chutes.</summary>
    public static OpenRouterProviderName Chutes { get; } = new("Chutes");

    /// <summary>Gets <c>Nvidia</c>: Nvidia.</summary>
    public static OpenRouterProviderName Nvidia { get; } = new("Nvidia");

    /// <summary>Gets the value as OpenRouter spells it (empty for a default instance).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when both name the same value.</returns>
    public static bool operator ==(OpenRouterProviderName left, OpenRouterProviderName right) => left.Equals(right);

    /// <summary>Compares two values (ordinal, case-insensitive).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(OpenRouterProviderName left, OpenRouterProviderName right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(OpenRouterProviderName other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OpenRouterProviderName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value;

    static OpenRouterProviderName IOpenRouterStringValue<OpenRouterProviderName>.Create(string value) => new(value);
}
