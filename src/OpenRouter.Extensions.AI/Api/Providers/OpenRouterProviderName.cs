using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The display name of an upstream provider (<c>provider_name</c>), such as <c>OpenAI</c> or <c>Google AI Studio</c>. The members are the providers the API reference lists; any other name is kept as is.
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

    /// <summary>Gets <c>AI21</c>.</summary>
    public static OpenRouterProviderName AI21 { get; } = new("AI21");

    /// <summary>Gets <c>AionLabs</c>.</summary>
    public static OpenRouterProviderName AionLabs { get; } = new("AionLabs");

    /// <summary>Gets <c>Alibaba</c>.</summary>
    public static OpenRouterProviderName Alibaba { get; } = new("Alibaba");

    /// <summary>Gets <c>Amazon Bedrock</c>.</summary>
    public static OpenRouterProviderName AmazonBedrock { get; } = new("Amazon Bedrock");

    /// <summary>Gets <c>Anthropic</c>.</summary>
    public static OpenRouterProviderName Anthropic { get; } = new("Anthropic");

    /// <summary>Gets <c>AtlasCloud</c>.</summary>
    public static OpenRouterProviderName AtlasCloud { get; } = new("AtlasCloud");

    /// <summary>Gets <c>Atoma</c>.</summary>
    public static OpenRouterProviderName Atoma { get; } = new("Atoma");

    /// <summary>Gets <c>Avian</c>.</summary>
    public static OpenRouterProviderName Avian { get; } = new("Avian");

    /// <summary>Gets <c>Azure</c>.</summary>
    public static OpenRouterProviderName Azure { get; } = new("Azure");

    /// <summary>Gets <c>BaseTen</c>.</summary>
    public static OpenRouterProviderName BaseTen { get; } = new("BaseTen");

    /// <summary>Gets <c>Cerebras</c>.</summary>
    public static OpenRouterProviderName Cerebras { get; } = new("Cerebras");

    /// <summary>Gets <c>Chutes</c>.</summary>
    public static OpenRouterProviderName Chutes { get; } = new("Chutes");

    /// <summary>Gets <c>Cirrascale</c>.</summary>
    public static OpenRouterProviderName Cirrascale { get; } = new("Cirrascale");

    /// <summary>Gets <c>Clarifai</c>.</summary>
    public static OpenRouterProviderName Clarifai { get; } = new("Clarifai");

    /// <summary>Gets <c>Cloudflare</c>.</summary>
    public static OpenRouterProviderName Cloudflare { get; } = new("Cloudflare");

    /// <summary>Gets <c>Cohere</c>.</summary>
    public static OpenRouterProviderName Cohere { get; } = new("Cohere");

    /// <summary>Gets <c>CrofAI</c>.</summary>
    public static OpenRouterProviderName CrofAI { get; } = new("CrofAI");

    /// <summary>Gets <c>Crusoe</c>.</summary>
    public static OpenRouterProviderName Crusoe { get; } = new("Crusoe");

    /// <summary>Gets <c>DeepInfra</c>.</summary>
    public static OpenRouterProviderName DeepInfra { get; } = new("DeepInfra");

    /// <summary>Gets <c>DeepSeek</c>.</summary>
    public static OpenRouterProviderName DeepSeek { get; } = new("DeepSeek");

    /// <summary>Gets <c>Enfer</c>.</summary>
    public static OpenRouterProviderName Enfer { get; } = new("Enfer");

    /// <summary>Gets <c>Featherless</c>.</summary>
    public static OpenRouterProviderName Featherless { get; } = new("Featherless");

    /// <summary>Gets <c>Fireworks</c>.</summary>
    public static OpenRouterProviderName Fireworks { get; } = new("Fireworks");

    /// <summary>Gets <c>Friendli</c>.</summary>
    public static OpenRouterProviderName Friendli { get; } = new("Friendli");

    /// <summary>Gets <c>GMICloud</c>.</summary>
    public static OpenRouterProviderName GMICloud { get; } = new("GMICloud");

    /// <summary>Gets <c>Google</c>.</summary>
    public static OpenRouterProviderName Google { get; } = new("Google");

    /// <summary>Gets <c>Google AI Studio</c>.</summary>
    public static OpenRouterProviderName GoogleAIStudio { get; } = new("Google AI Studio");

    /// <summary>Gets <c>Groq</c>.</summary>
    public static OpenRouterProviderName Groq { get; } = new("Groq");

    /// <summary>Gets <c>Hyperbolic</c>.</summary>
    public static OpenRouterProviderName Hyperbolic { get; } = new("Hyperbolic");

    /// <summary>Gets <c>Inception</c>.</summary>
    public static OpenRouterProviderName Inception { get; } = new("Inception");

    /// <summary>Gets <c>InferenceNet</c>.</summary>
    public static OpenRouterProviderName InferenceNet { get; } = new("InferenceNet");

    /// <summary>Gets <c>Infermatic</c>.</summary>
    public static OpenRouterProviderName Infermatic { get; } = new("Infermatic");

    /// <summary>Gets <c>Inflection</c>.</summary>
    public static OpenRouterProviderName Inflection { get; } = new("Inflection");

    /// <summary>Gets <c>Kluster</c>.</summary>
    public static OpenRouterProviderName Kluster { get; } = new("Kluster");

    /// <summary>Gets <c>Lambda</c>.</summary>
    public static OpenRouterProviderName Lambda { get; } = new("Lambda");

    /// <summary>Gets <c>Liquid</c>.</summary>
    public static OpenRouterProviderName Liquid { get; } = new("Liquid");

    /// <summary>Gets <c>Mancer 2</c>.</summary>
    public static OpenRouterProviderName Mancer2 { get; } = new("Mancer 2");

    /// <summary>Gets <c>Meta</c>.</summary>
    public static OpenRouterProviderName Meta { get; } = new("Meta");

    /// <summary>Gets <c>Minimax</c>.</summary>
    public static OpenRouterProviderName Minimax { get; } = new("Minimax");

    /// <summary>Gets <c>ModelRun</c>.</summary>
    public static OpenRouterProviderName ModelRun { get; } = new("ModelRun");

    /// <summary>Gets <c>Mistral</c>.</summary>
    public static OpenRouterProviderName Mistral { get; } = new("Mistral");

    /// <summary>Gets <c>Modular</c>.</summary>
    public static OpenRouterProviderName Modular { get; } = new("Modular");

    /// <summary>Gets <c>Moonshot AI</c>.</summary>
    public static OpenRouterProviderName MoonshotAI { get; } = new("Moonshot AI");

    /// <summary>Gets <c>Morph</c>.</summary>
    public static OpenRouterProviderName Morph { get; } = new("Morph");

    /// <summary>Gets <c>NCompass</c>.</summary>
    public static OpenRouterProviderName NCompass { get; } = new("NCompass");

    /// <summary>Gets <c>Nebius</c>.</summary>
    public static OpenRouterProviderName Nebius { get; } = new("Nebius");

    /// <summary>Gets <c>NextBit</c>.</summary>
    public static OpenRouterProviderName NextBit { get; } = new("NextBit");

    /// <summary>Gets <c>Nineteen</c>.</summary>
    public static OpenRouterProviderName Nineteen { get; } = new("Nineteen");

    /// <summary>Gets <c>Novita</c>.</summary>
    public static OpenRouterProviderName Novita { get; } = new("Novita");

    /// <summary>Gets <c>Nvidia</c>.</summary>
    public static OpenRouterProviderName Nvidia { get; } = new("Nvidia");

    /// <summary>Gets <c>OpenAI</c>.</summary>
    public static OpenRouterProviderName OpenAI { get; } = new("OpenAI");

    /// <summary>Gets <c>OpenInference</c>.</summary>
    public static OpenRouterProviderName OpenInference { get; } = new("OpenInference");

    /// <summary>Gets <c>Parasail</c>.</summary>
    public static OpenRouterProviderName Parasail { get; } = new("Parasail");

    /// <summary>Gets <c>Perplexity</c>.</summary>
    public static OpenRouterProviderName Perplexity { get; } = new("Perplexity");

    /// <summary>Gets <c>Phala</c>.</summary>
    public static OpenRouterProviderName Phala { get; } = new("Phala");

    /// <summary>Gets <c>Relace</c>.</summary>
    public static OpenRouterProviderName Relace { get; } = new("Relace");

    /// <summary>Gets <c>SambaNova</c>.</summary>
    public static OpenRouterProviderName SambaNova { get; } = new("SambaNova");

    /// <summary>Gets <c>SiliconFlow</c>.</summary>
    public static OpenRouterProviderName SiliconFlow { get; } = new("SiliconFlow");

    /// <summary>Gets <c>Stealth</c>.</summary>
    public static OpenRouterProviderName Stealth { get; } = new("Stealth");

    /// <summary>Gets <c>Switchpoint</c>.</summary>
    public static OpenRouterProviderName Switchpoint { get; } = new("Switchpoint");

    /// <summary>Gets <c>Targon</c>.</summary>
    public static OpenRouterProviderName Targon { get; } = new("Targon");

    /// <summary>Gets <c>Together</c>.</summary>
    public static OpenRouterProviderName Together { get; } = new("Together");

    /// <summary>Gets <c>Ubicloud</c>.</summary>
    public static OpenRouterProviderName Ubicloud { get; } = new("Ubicloud");

    /// <summary>Gets <c>Venice</c>.</summary>
    public static OpenRouterProviderName Venice { get; } = new("Venice");

    /// <summary>Gets <c>WandB</c>.</summary>
    public static OpenRouterProviderName WandB { get; } = new("WandB");

    /// <summary>Gets <c>xAI</c>.</summary>
    public static OpenRouterProviderName XAI { get; } = new("xAI");

    /// <summary>Gets <c>Z.AI</c>.</summary>
    public static OpenRouterProviderName ZAI { get; } = new("Z.AI");

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
