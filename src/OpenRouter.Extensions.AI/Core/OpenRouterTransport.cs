using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The HTTP plumbing shared by every OpenRouter client: base address, authentication and attribution headers,
/// sending, and turning failures into <see cref="OpenRouterException"/> through <see cref="OpenRouterErrors"/>.
/// </summary>
internal sealed class OpenRouterTransport : IDisposable
{
    /// <summary>The largest Content-Length trusted for sizing a body buffer up front; bigger bodies grow it as they arrive.</summary>
    private const long MaxInitialBodyBuffer = 4 * 1024 * 1024;

    /// <summary>
    /// The most bytes of a successful JSON answer that are read (128 MiB): the model list is about 1 MB and an answer with
    /// generated images a few MB. Streams have no such limit; error bodies are read up to <see cref="OpenRouterErrors.MaxErrorBodyBytes"/>.
    /// </summary>
    public const long MaxJsonBodyBytes = 128 * 1024 * 1024;

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly bool _keyCheckApplies;
    private readonly string? _appUrl;
    private readonly string? _appTitle;

    public OpenRouterTransport(OpenRouterClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = NormalizeEndpoint(options.Endpoint, options.AllowInsecureHttp);
        DefaultModelId = options.DefaultModelId;
        StreamIdleTimeout = options.StreamIdleTimeout is { } idle && idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan ? idle : null;
        string? apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? ApiKeyFromEnvironment() : options.ApiKey;
        _authorization = apiKey is null ? null : new AuthenticationHeaderValue("Bearer", apiKey);
        Redactor = new SecretRedactor(apiKey);
        Scope = new TenantScope(Endpoint, apiKey);

        // A loopback endpoint (the emulator, a local proxy) may well need no key; anything else does.
        _keyCheckApplies = _authorization is null && !Endpoint.IsLoopback;
        _appUrl = string.IsNullOrWhiteSpace(options.AppUrl) ? null : options.AppUrl;
        _appTitle = string.IsNullOrWhiteSpace(options.AppTitle) ? null : options.AppTitle;

        if (httpClient is null)
        {
            // Streams from reasoning models can run for minutes; the caller's token and StreamIdleTimeout bound them.
            // Redirects are not followed: a 307 would re-send the POST body (the prompt) to an address OpenRouter did not give.
            // Answers are not requested compressed (docs/fault-matrix.md, "Compression").
            _httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };
            _ownsHttpClient = true;
        }
        else
        {
            _httpClient = httpClient;
        }
    }

    /// <summary>Gets the API base address, always ending with a slash.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the default model id.</summary>
    public string? DefaultModelId { get; }

    /// <summary>Gets the idle timeout between stream events, or <see langword="null"/> when disabled.</summary>
    public TimeSpan? StreamIdleTimeout { get; }

    /// <summary>The environment variable read when no API key is configured.</summary>
    public const string ApiKeyEnvironmentVariable = "OPENROUTER_API_KEY";

    /// <summary>Gets the redactor of the configured API key, for text a server sent back.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Gets the hashes of the endpoint and the API key that scope what is cached for this client.</summary>
    public TenantScope Scope { get; }

    /// <summary>Whether a content type is JSON (<c>application/json</c> or <c>…+json</c>, in any letter case).</summary>
    public static bool IsJson(HttpContent content) =>
        content.Headers.ContentType?.MediaType is { } mediaType &&
        (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns <paramref name="exception"/> with the API key redacted (see <see cref="OpenRouterErrors.Redact"/>).</summary>
    public OpenRouterException Redact(OpenRouterException exception) => OpenRouterErrors.Redact(exception, Redactor);

    /// <summary>Creates a request to <paramref name="relativeUri"/> (relative to <see cref="Endpoint"/>) with the OpenRouter headers.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUri">The path under the API base address.</param>
    /// <param name="keyRequired"><see langword="false"/> for OpenRouter's public calls (model list, endpoints, providers, the PKCE exchange).</param>
    /// <exception cref="OpenRouterException">No API key is set, the call needs one and the endpoint is not a loopback address.</exception>
    public HttpRequestMessage CreateRequest(HttpMethod method, string relativeUri, bool keyRequired = true) =>
        CreateRequest(method, new Uri(Endpoint, relativeUri), keyRequired);

    /// <summary>Creates a request to an absolute <paramref name="uri"/> (one built once from <see cref="Endpoint"/> and reused) with the OpenRouter headers.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute address.</param>
    /// <param name="keyRequired"><see langword="false"/> for OpenRouter's public calls.</param>
    /// <exception cref="OpenRouterException">No API key is set, the call needs one and the endpoint is not a loopback address.</exception>
    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, bool keyRequired = true)
    {
        if (keyRequired && _keyCheckApplies)
        {
            throw OpenRouterErrors.MissingApiKey(Endpoint);
        }

        // HttpClient applies DefaultRequestVersion/DefaultVersionPolicy only to requests it creates itself (GetAsync…),
        // not to a message passed to SendAsync, so they are copied here: an HttpClient set up for HTTP/2 gets HTTP/2.
        var request = new HttpRequestMessage(method, uri)
        {
            Version = _httpClient.DefaultRequestVersion,
            VersionPolicy = _httpClient.DefaultVersionPolicy,
        };
        HttpRequestHeaders headers = request.Headers;
        if (_authorization is not null)
        {
            headers.Authorization = _authorization;
        }

        if (_appUrl is not null)
        {
            headers.TryAddWithoutValidation("HTTP-Referer", _appUrl);
        }

        if (_appTitle is not null)
        {
            headers.TryAddWithoutValidation("X-Title", _appTitle);
        }

        return request;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns a success response; any other outcome throws <see cref="OpenRouterException"/>
    /// (or <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is canceled).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completionOption, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw OpenRouterErrors.Transport(ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's token: HttpClient.Timeout or a resilience pipeline's timeout.
            throw OpenRouterErrors.Timeout(ex);
        }

        // Reading the body fails only with IOException (mapped by OpenRouterErrors.Transport), whatever the caller's handler does.
        response.Content = new GuardedContent(response.Content);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await OpenRouterErrors.FromResponseAsync(response, Redactor, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    /// <summary>Sends a request and deserializes its JSON answer with source-generated metadata.</summary>
    public async Task<T> SendJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using (request)
        {
            using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            using PooledBufferWriter body = await ReadBodyPooledAsync(response, cancellationToken).ConfigureAwait(false);
            if (OpenRouterErrors.TryParseErrorObject(body.WrittenSpan, out JsonElement error))
            {
                throw Redact(OpenRouterErrors.FromErrorObject(error, httpStatus: null, OpenRouterErrors.GetRetryAfter(response), generationId: null, modelId: null));
            }

            try
            {
                return JsonSerializer.Deserialize(body.WrittenSpan, responseType) ?? throw new JsonException("The response body is null.");
            }
            catch (JsonException ex)
            {
                // A converter's message may quote the server's text.
                throw Redact(OpenRouterErrors.MalformedResponse(ex, generationId: null));
            }
        }
    }

    /// <summary>Serializes <paramref name="value"/> with source-generated metadata into an <c>application/json</c> request body.</summary>
    public static HttpContent CreateJsonContent<T>(T value, JsonTypeInfo<T> typeInfo) =>
        CreateJsonContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>Wraps UTF-8 JSON into an <c>application/json</c> request body.</summary>
    public static HttpContent CreateJsonContent(byte[] utf8Json)
    {
        var content = new ByteArrayContent(utf8Json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>
    /// Reads a whole response body, at most <see cref="MaxJsonBodyBytes"/>, into a pooled buffer (the caller disposes it),
    /// mapping transport failures, timeouts and a larger body to <see cref="OpenRouterException"/>.
    /// </summary>
    public static async Task<PooledBufferWriter> ReadBodyPooledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        long? length = response.Content.Headers.ContentLength;
        if (length > MaxJsonBodyBytes)
        {
            throw OpenRouterErrors.BodyTooLarge(MaxJsonBodyBytes);
        }

        var buffer = new PooledBufferWriter(length is > 0 and < MaxInitialBodyBuffer ? (int)length.Value + 1 : 16 * 1024);
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    int read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return buffer;
                    }

                    buffer.Advance(read);
                    if (buffer.WrittenSpan.Length > MaxJsonBodyBytes)
                    {
                        throw OpenRouterErrors.BodyTooLarge(MaxJsonBodyBytes);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            buffer.Dispose();
            throw OpenRouterErrors.Transport(ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            buffer.Dispose();
            throw OpenRouterErrors.Timeout(ex);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Disposes the <see cref="HttpClient"/> when this transport created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Checks the key given to a short constructor; the message names the way to read it from the environment instead.</summary>
    public static string RequireApiKey(string apiKey, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(apiKey))] string? paramName = null) =>
        string.IsNullOrWhiteSpace(apiKey)
            ? throw new ArgumentException(
                $"The API key is empty. Pass your OpenRouter key, or pass OpenRouterClientOptions without ApiKey to read the environment variable '{ApiKeyEnvironmentVariable}'.",
                paramName)
            : apiKey;

    /// <summary>Reads <see cref="ApiKeyEnvironmentVariable"/>; <see langword="null"/> when unset or blank.</summary>
    public static string? ApiKeyFromEnvironment() =>
        Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable) is { } key && !string.IsNullOrWhiteSpace(key) ? key : null;

    private static Uri NormalizeEndpoint(Uri? endpoint, bool allowInsecureHttp)
    {
        if (endpoint is null)
        {
            throw new ArgumentException("OpenRouterClientOptions.Endpoint must be set.", nameof(endpoint));
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"OpenRouterClientOptions.Endpoint must be an absolute http(s) address; got '{endpoint}'.", nameof(endpoint));
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !allowInsecureHttp)
        {
            throw new ArgumentException(
                $"OpenRouterClientOptions.Endpoint '{endpoint.GetLeftPart(UriPartial.Authority)}' uses plain http:// on a non-loopback host, which would send the API key unencrypted. " +
                "Use https://, or set OpenRouterClientOptions.AllowInsecureHttp = true if you really mean it.",
                nameof(endpoint));
        }

        string text = endpoint.AbsoluteUri;
        return text.EndsWith('/') ? endpoint : new Uri(text + "/");
    }
}
