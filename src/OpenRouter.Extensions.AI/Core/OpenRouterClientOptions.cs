using System.Diagnostics.CodeAnalysis;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Settings shared by the OpenRouter chat client, REST client and model catalog.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never includes <see cref="ApiKey"/>, so an options instance can be logged safely.
/// </remarks>
public sealed class OpenRouterClientOptions
{
    private Uri? _endpoint;

    /// <summary>The default OpenRouter API endpoint, <c>https://openrouter.ai/api/v1/</c>.</summary>
    public static Uri DefaultEndpoint { get; } = new("https://openrouter.ai/api/v1/");

    /// <summary>Gets or sets the API key sent as a bearer token. Required for every call except the public catalog endpoints.</summary>
    /// <remarks>
    /// When <see langword="null"/> or blank, the clients read the <c>OPENROUTER_API_KEY</c> environment variable when they are
    /// created. With neither, a call that needs a key to an endpoint that is not a loopback address throws an
    /// <see cref="OpenRouterException"/> before anything is sent; a loopback endpoint (the emulator) needs no key.
    /// </remarks>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets the API base address. When not set (or set to <see langword="null"/>), it is the address in the
    /// <c>OPENROUTER_BASE_URL</c> environment variable, read when the value is read (clients read it once, when they are
    /// created), else <see cref="DefaultEndpoint"/>: so code that sets no endpoint runs unchanged against the emulator.
    /// </summary>
    /// <remarks>
    /// A plain <c>http://</c> address that is not a loopback address is refused unless
    /// <see cref="AllowInsecureHttp"/> is <see langword="true"/>, because the API key would travel in clear text.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No endpoint is set and <c>OPENROUTER_BASE_URL</c> is not an absolute http(s) address.</exception>
    [AllowNull]
    public Uri Endpoint
    {
        get => _endpoint ?? OpenRouterEnvironment.Endpoint();
        set => _endpoint = value;
    }

    /// <summary>Gets or sets the model used when <c>ChatOptions.ModelId</c> is not set, e.g. <c>openai/gpt-4o-mini</c>.</summary>
    public string? DefaultModelId { get; set; }

    /// <summary>Gets or sets the model used by <see cref="OpenRouterEmbeddingGenerator"/> when <c>EmbeddingGenerationOptions.ModelId</c> is not set, e.g. <c>openai/text-embedding-3-small</c>.</summary>
    public string? DefaultEmbeddingModelId { get; set; }

    /// <summary>Gets or sets the model used by <see cref="OpenRouterImageGenerator"/> when <c>ImageGenerationOptions.ModelId</c> is not set, e.g. <c>google/gemini-2.5-flash-image</c>.</summary>
    public string? DefaultImageModelId { get; set; }

    /// <summary>Gets or sets your application's URL, sent as the <c>HTTP-Referer</c> header for OpenRouter's app attribution.</summary>
    public string? AppUrl { get; set; }

    /// <summary>Gets or sets your application's name, sent as the <c>X-Title</c> header for OpenRouter's app attribution.</summary>
    public string? AppTitle { get; set; }

    /// <summary>
    /// Gets or sets the longest time a streaming response may stay silent between two server-sent events
    /// (OpenRouter's keep-alive comments count as events). When exceeded, the stream fails with an
    /// <see cref="OpenRouterException"/> whose inner exception is a <see cref="TimeoutException"/>.
    /// <see langword="null"/> (the default) or <see cref="Timeout.InfiniteTimeSpan"/> disables the check.
    /// </summary>
    public TimeSpan? StreamIdleTimeout { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a non-loopback <c>http://</c> <see cref="Endpoint"/> is accepted.
    /// Off by default: the API key would be sent unencrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Gets or sets what the dependency-injection registration does with request features the model does not support,
    /// checked against the cached model catalog before sending. <see cref="OpenRouterCapabilityCheck.Off"/> (the default)
    /// sends every request as given and never loads the catalog. When you construct <see cref="OpenRouterChatClient"/> yourself,
    /// pass the catalog and the mode to its constructor instead.
    /// </summary>
    public OpenRouterCapabilityCheck CapabilityCheck { get; set; }

    /// <summary>Returns a description of these options that never contains the API key.</summary>
    /// <returns>The endpoint, default model and whether a key is set.</returns>
    public override string ToString() =>
        $"OpenRouterClientOptions {{ Endpoint = {DescribeEndpoint()}, DefaultModelId = {DefaultModelId ?? "(none)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "(set)")} }}";

    /// <summary>The endpoint for <see cref="ToString"/>, which must not throw on a malformed <c>OPENROUTER_BASE_URL</c>.</summary>
    private string DescribeEndpoint()
    {
        try
        {
            return EndpointText.Describe(Endpoint);
        }
        catch (InvalidOperationException)
        {
            return $"(invalid {OpenRouterEnvironment.BaseUrlVariable})";
        }
    }
}
