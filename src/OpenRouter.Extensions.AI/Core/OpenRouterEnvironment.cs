namespace OpenRouter.Extensions.AI;

/// <summary>
/// What the process environment adds to a client's settings, for every entry point alike (a client constructed directly,
/// the dependency-injection registrations, Semantic Kernel): <c>OPENROUTER_API_KEY</c> when no key is configured,
/// <c>OPENROUTER_BASE_URL</c> when no endpoint is, and the one message for a key that is missing.
/// </summary>
/// <remarks>
/// The offline rule: a loopback endpoint (the emulator, a local proxy) needs no key; any other endpoint needs one for every
/// call but OpenRouter's public ones, and without it the call fails with <see cref="MissingApiKeyMessage"/> before anything is sent.
/// </remarks>
internal static class OpenRouterEnvironment
{
    /// <summary>The environment variable read when no API key is configured.</summary>
    public const string ApiKeyVariable = "OPENROUTER_API_KEY";

    /// <summary>The environment variable read when no endpoint is configured, e.g. the emulator's <c>http://127.0.0.1:5599/api/v1/</c>.</summary>
    public const string BaseUrlVariable = "OPENROUTER_BASE_URL";

    /// <summary>Reads <see cref="ApiKeyVariable"/>, trimmed; <see langword="null"/> when unset or blank.</summary>
    public static string? ApiKey() => Read(ApiKeyVariable);

    /// <summary>The endpoint of options that set none: <see cref="BaseUrlVariable"/> when set, else <see cref="OpenRouterClientOptions.DefaultEndpoint"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is set to something other than an absolute http(s) address.</exception>
    public static Uri Endpoint() =>
        Read(BaseUrlVariable) is not { } text ? OpenRouterClientOptions.DefaultEndpoint
        : Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
        : throw new InvalidOperationException(
            $"The environment variable {BaseUrlVariable} must be an absolute http(s) address such as http://127.0.0.1:5599/api/v1/; got '{text}'.");

    /// <summary>The one message of a missing key, whatever the entry point: where nothing was sent, and the two ways on.</summary>
    /// <param name="endpoint">The endpoint the call was for.</param>
    public static string MissingApiKeyMessage(Uri endpoint) =>
        $"No OpenRouter API key is set, so nothing was sent to {EndpointText.Authority(endpoint)}. " +
        $"Set the environment variable {ApiKeyVariable} (or the ApiKey option: OpenRouter:ApiKey in configuration), " +
        $"or point {BaseUrlVariable} at the OpenRouter emulator to run offline.";

    private static string? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
