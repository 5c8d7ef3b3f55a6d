using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>Decodes a whole answer body; runs inside the boundary, so whatever it throws takes the one error path.</summary>
/// <typeparam name="T">The decoded answer.</typeparam>
/// <param name="body">The UTF-8 body, read whole (at most <see cref="OpenRouterTransport.MaxJsonBodyBytes"/>).</param>
/// <param name="response">The response, for its headers.</param>
/// <returns>The answer.</returns>
internal delegate T BodyDecoder<T>(ReadOnlySpan<byte> body, HttpResponseMessage response);

/// <summary>
/// Turns the events of one server-sent-event stream into items; driven by <see cref="OpenRouterTransport.StreamAsync{T}"/>,
/// which maps whatever it throws to <see cref="OpenRouterException"/>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal interface IEventDecoder<T>
    where T : class
{
    /// <summary>Gets the generation id seen so far, for exceptions.</summary>
    string? GenerationId { get; }

    /// <summary>Parses one event's data; returns <see langword="false"/> for the event that ends the stream.</summary>
    /// <param name="data">The event's data.</param>
    /// <returns>Whether the stream goes on.</returns>
    bool Parse(ReadOnlySpan<byte> data);

    /// <summary>The item of the event last parsed, or <see langword="null"/> when it carries nothing to hand over.</summary>
    /// <returns>The item.</returns>
    T? Next();

    /// <summary>Called once the stream has no more events; the last item, or <see langword="null"/>; throws when the stream ended early.</summary>
    /// <returns>The item.</returns>
    T? Complete();

    /// <summary>An error the last event carried, handed over (once) after that event's item.</summary>
    /// <returns>The error, or <see langword="null"/>.</returns>
    OpenRouterException? TakeError();

    /// <summary>Called once the response of the stream has arrived, before its first event (for its headers).</summary>
    /// <param name="response">The response.</param>
    void Started(HttpResponseMessage response)
    {
    }

    /// <summary>The items of a JSON body sent in answer to a streaming request (an error, or a whole answer).</summary>
    /// <param name="body">The body.</param>
    /// <param name="response">The response.</param>
    /// <returns>The items.</returns>
    IReadOnlyList<T> DecodeWhole(ReadOnlySpan<byte> body, HttpResponseMessage response);
}

/// <summary>
/// The boundary every request and response of every client passes: the base address and the routes under it, the
/// authentication and attribution headers (validated when configured), sending, reading bounded bodies, decoding them,
/// and the one error path (<see cref="Failures.Map"/>) that turns every failure into an <see cref="OpenRouterException"/>
/// with the API key redacted.
/// </summary>
/// <remarks>
/// An endpoint declares its route (<see cref="ApiRoute"/>) and its wire types and hands its decoder to
/// <see cref="SendAsync{T}(HttpRequestMessage, BodyDecoder{T}, CancellationToken)"/>, <see cref="StreamAsync{T}"/> or
/// <see cref="OpenReadAsync"/>; it never escapes a path, validates a header, redacts a text or wraps an exception itself.
/// </remarks>
internal sealed class OpenRouterTransport : IDisposable
{
    /// <summary>The environment variable read when no API key is configured.</summary>
    public const string ApiKeyEnvironmentVariable = OpenRouterEnvironment.ApiKeyVariable;

    /// <summary>
    /// The most bytes of a successful JSON answer that are read (128 MiB): the model list is about 1 MB and an answer with
    /// generated images a few MB. Streams have no such limit; error bodies are read up to <see cref="ErrorResponses.MaxErrorBodyBytes"/>.
    /// </summary>
    public const long MaxJsonBodyBytes = 128 * 1024 * 1024;

    /// <summary>
    /// The largest Content-Length trusted for sizing a body buffer up front. A larger declared length sizes the buffer once this many
    /// bytes have arrived (it has proven itself); a body without one grows its buffer as it arrives.
    /// </summary>
    private const long MaxInitialBodyBuffer = 4 * 1024 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly bool _keyCheckApplies;
    private readonly string? _appUrl;
    private readonly string? _appTitle;
    private readonly string? _appCategories;

    /// <summary>Initializes a new instance from the client options; checks the endpoint and every header value now.</summary>
    /// <param name="options">The options.</param>
    /// <param name="httpClient">The caller's client, or <see langword="null"/> to create (and dispose) one.</param>
    /// <exception cref="ArgumentException">The endpoint is not usable, or a header value could not be sent.</exception>
    public OpenRouterTransport(OpenRouterClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = NormalizeEndpoint(options.Endpoint, options.AllowInsecureHttp);
        DefaultModelId = options.DefaultModelId;
        StreamIdleTimeout = options.StreamIdleTimeout is { } idle && idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan ? idle : null;
        string? apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? ApiKeyFromEnvironment() : options.ApiKey.Trim();

        // The key is checked like any header value, but the message never quotes it.
        _authorization = apiKey is null ? null : new AuthenticationHeaderValue("Bearer", HeaderValues.Validate(apiKey, "The OpenRouter API key"));
        Redactor = new SecretRedactor(apiKey);
        Scope = new TenantScope(Endpoint, apiKey);

        // A loopback endpoint (the emulator, a local proxy) may well need no key; anything else does.
        _keyCheckApplies = _authorization is null && !Endpoint.IsLoopback;
        _appUrl = string.IsNullOrWhiteSpace(options.AppUrl) ? null : HeaderValues.Validate(options.AppUrl.Trim(), "OpenRouterClientOptions.AppUrl");
        _appTitle = string.IsNullOrWhiteSpace(options.AppTitle) ? null : HeaderValues.Validate(options.AppTitle.Trim(), "OpenRouterClientOptions.AppTitle");
        _appCategories = options.AppCategories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToArray() is { Length: > 0 } categories
            ? HeaderValues.Validate(string.Join(',', categories), "OpenRouterClientOptions.AppCategories")
            : null;

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

    /// <summary>Gets the API base address, always ending with a slash and never holding credentials.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the default model id.</summary>
    public string? DefaultModelId { get; }

    /// <summary>Gets the idle timeout between stream events, or <see langword="null"/> when disabled.</summary>
    public TimeSpan? StreamIdleTimeout { get; }

    /// <summary>Gets or sets the clock that measures <see cref="StreamIdleTimeout"/>; tests substitute a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the redactor of the configured API key.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Gets the hashes of the endpoint and the API key that scope what is cached for this client.</summary>
    public TenantScope Scope { get; }

    /// <summary>Whether a content type is JSON (<c>application/json</c> or <c>…+json</c>, in any letter case).</summary>
    /// <param name="content">The content.</param>
    /// <returns>Whether it is JSON.</returns>
    public static bool IsJson(HttpContent content) =>
        content.Headers.ContentType?.MediaType is { } mediaType &&
        (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The absolute address of <paramref name="route"/>.</summary>
    /// <param name="route">The route.</param>
    /// <returns>The address.</returns>
    public Uri Resolve(ApiRoute route) => route.Resolve(Endpoint);

    /// <summary>Creates a request to <paramref name="route"/> with the OpenRouter headers.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="route">The route under the API base address.</param>
    /// <param name="keyRequired"><see langword="false"/> for OpenRouter's public calls (model list, endpoints, providers, the PKCE exchange).</param>
    /// <returns>The request.</returns>
    /// <exception cref="OpenRouterException">No API key is set, the call needs one and the endpoint is not a loopback address.</exception>
    public HttpRequestMessage CreateRequest(HttpMethod method, ApiRoute route, bool keyRequired = true) =>
        CreateRequest(method, route.Resolve(Endpoint), keyRequired);

    /// <summary>Creates a request to an absolute address resolved once from a route and reused, with the OpenRouter headers.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The address, from <see cref="Resolve"/>.</param>
    /// <param name="keyRequired"><see langword="false"/> for OpenRouter's public calls.</param>
    /// <returns>The request.</returns>
    /// <exception cref="OpenRouterException">No API key is set, the call needs one and the endpoint is not a loopback address.</exception>
    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, bool keyRequired = true)
    {
        if (keyRequired && _keyCheckApplies)
        {
            throw Failures.MissingApiKey(Endpoint);
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
            // OpenRouter's current attribution header; it reads the legacy X-Title only for backwards compatibility (app-attribution page).
            headers.TryAddWithoutValidation("X-OpenRouter-Title", _appTitle);
        }

        if (_appCategories is not null)
        {
            headers.TryAddWithoutValidation("X-OpenRouter-Categories", _appCategories);
        }

        return request;
    }

    /// <summary>The <c>AdditionalProperties</c> key of OpenRouter's session id (<c>session_id</c>), sent as <see cref="SessionIdHeader"/> by the endpoints that read only the header.</summary>
    public const string SessionIdKey = "session_id";

    /// <summary>OpenRouter's session header, <c>x-session-id</c>.</summary>
    public const string SessionIdHeader = "x-session-id";

    /// <summary>
    /// Sends <c>AdditionalProperties["session_id"]</c> as the <c>x-session-id</c> header, for the endpoints (embeddings, images, …)
    /// that group requests by session but take no <c>session_id</c> in the body.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="properties">The options' <c>AdditionalProperties</c>.</param>
    /// <param name="source">Where the properties come from, named in the exception.</param>
    /// <exception cref="ArgumentException">The value is not a non-empty string, or cannot be sent as a header value.</exception>
    public static void AddSessionHeader(HttpRequestMessage request, IDictionary<string, object?>? properties, string source)
    {
        if (properties is null || !properties.TryGetValue(SessionIdKey, out object? value))
        {
            return;
        }

        string sessionId = value switch
        {
            string s when !string.IsNullOrWhiteSpace(s) => s,
            JsonElement { ValueKind: JsonValueKind.String } e when !string.IsNullOrWhiteSpace(e.GetString()) => e.GetString()!,
            _ => throw new ArgumentException($"{source}[\"{SessionIdKey}\"] must be a non-empty string; got {value?.GetType().Name ?? "null"}.", nameof(properties)),
        };
        AddHeader(request, SessionIdHeader, sessionId, $"{source}[\"{SessionIdKey}\"]");
    }

    /// <summary>Adds a header given for one request (or one client), after checking its name and value.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value.</param>
    /// <param name="source">Where the header was configured, named in the exception.</param>
    /// <exception cref="ArgumentException">The name or value cannot be sent (see <see cref="HeaderValues"/>).</exception>
    public static void AddHeader(HttpRequestMessage request, string name, string value, string source)
    {
        HeaderValues.ValidateName(name, source);
        HeaderValues.Validate(value, source);
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>Wraps UTF-8 JSON into an <c>application/json</c> request body.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <returns>The content.</returns>
    public static HttpContent CreateJsonContent(byte[] utf8Json)
    {
        var content = new ByteArrayContent(utf8Json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Serializes <paramref name="value"/> with source-generated metadata into an <c>application/json</c> request body.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="value">The body.</param>
    /// <param name="typeInfo">Its metadata.</param>
    /// <returns>The content.</returns>
    public static HttpContent CreateJsonContent<T>(T value, JsonTypeInfo<T> typeInfo) =>
        CreateJsonContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>Sends a request and deserializes its JSON answer with source-generated metadata.</summary>
    /// <typeparam name="T">The answer type.</typeparam>
    /// <param name="request">The request; disposed.</param>
    /// <param name="responseType">The answer's metadata.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="OpenRouterException">Any failure, including a body that does not deserialize.</exception>
    public Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken) =>
        SendAsync(request, (body, _) => JsonSerializer.Deserialize(body, responseType) ?? throw new JsonException("The response body is null."), cancellationToken);

    /// <summary>
    /// Sends a request, reads its whole JSON answer (at most <see cref="MaxJsonBodyBytes"/>), turns an OpenRouter error
    /// object into an exception, and decodes the rest with <paramref name="decode"/>, inside the one error path.
    /// </summary>
    /// <typeparam name="T">The decoded answer.</typeparam>
    /// <param name="request">The request; disposed.</param>
    /// <param name="decode">The decoder.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="OpenRouterException">Any failure: an error status or body, a broken connection, a timeout, a body the decoder cannot read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async Task<T> SendAsync<T>(HttpRequestMessage request, BodyDecoder<T> decode, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using HttpResponseMessage response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
                using PooledBufferWriter body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                return Decode(body.WrittenSpan, response, decode);
            }
            catch (Exception ex) when (Failures.Map(ex, Redactor, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }
    }

    /// <summary>
    /// Sends a streaming request and hands over the items <paramref name="decoder"/> makes of its events, as they arrive;
    /// a JSON body sent instead of a stream is decoded whole. Every failure takes the one error path; an error an event
    /// carries is thrown after that event's item.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="request">The request; disposed when the enumeration ends.</param>
    /// <param name="decoder">The decoder of this stream.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The items.</returns>
    public async IAsyncEnumerable<T> StreamAsync<T>(HttpRequestMessage request, IEventDecoder<T> decoder, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        {
            request.Headers.Accept.Add(AcceptEventStream);
            HttpResponseMessage response;
            IReadOnlyList<T>? whole = null;
            try
            {
                response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
                if (IsJson(response.Content))
                {
                    // Some failures (and some whole answers) arrive as a plain JSON body even on a streaming request.
                    using (response)
                    {
                        using PooledBufferWriter body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                        whole = Decode(body.WrittenSpan, response, decoder.DecodeWhole);
                    }
                }
            }
            catch (Exception ex) when (Failures.Map(ex, Redactor, cancellationToken) is { } failure)
            {
                throw failure;
            }

            if (whole is not null)
            {
                foreach (T item in whole)
                {
                    yield return item;
                }

                yield break;
            }

            using (response)
            {
                decoder.Started(response);
                using var idle = StreamIdleTimeout is { } timeout ? new IdleWatch(timeout, TimeProvider, cancellationToken) : null;
                CancellationToken readToken = idle?.Token ?? cancellationToken;
                Stream stream;
                try
                {
                    stream = await response.Content.ReadAsStreamAsync(readToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (Failures.Map(ex, Redactor, cancellationToken, decoder.GenerationId, idle) is { } failure)
                {
                    throw failure;
                }

                await using var _ = stream.ConfigureAwait(false);
                Stream source = idle is null ? stream : new IdleWatchStream(stream, idle);
                IAsyncEnumerator<SseItem<bool>> events = SseParser.Create(source, (_, data) => decoder.Parse(data)).EnumerateAsync(readToken).GetAsyncEnumerator(readToken);
                await using var __ = events.ConfigureAwait(false);
                while (true)
                {
                    T? item;
                    bool ended;
                    try
                    {
                        // MoveNextAsync parses the event (IEventDecoder.Parse); Data is false for the event that ends the stream.
                        ended = !await events.MoveNextAsync().ConfigureAwait(false) || !events.Current.Data;
                        item = ended ? decoder.Complete() : decoder.Next();
                    }
                    catch (Exception ex) when (Failures.Map(ex, Redactor, cancellationToken, decoder.GenerationId, idle) is { } failure)
                    {
                        throw failure;
                    }

                    if (item is not null)
                    {
                        yield return item;
                    }

                    if (decoder.TakeError() is { } error)
                    {
                        throw ExceptionRedaction.Redact(error, Redactor);
                    }

                    if (ended)
                    {
                        yield break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Sends a request whose answer is not JSON (audio, say) and returns the open body: reading it maps every failure to
    /// <see cref="OpenRouterException"/>; disposing it releases the response and its connection.
    /// </summary>
    /// <param name="request">The request; disposed with the returned body.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The body and its media type.</returns>
    /// <exception cref="OpenRouterException">An error status or body, a broken connection, a timeout.</exception>
    public async Task<OpenRouterResponseBody> OpenReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
            if (IsJson(response.Content))
            {
                // A JSON body where media was asked for is an error object (or an answer the caller did not ask for).
                using PooledBufferWriter body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
                _ = Decode<bool>(body.WrittenSpan, response, static (_, _) => throw new JsonException("OpenRouter answered with JSON instead of the requested media."));
            }

            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new OpenRouterResponseBody(stream, response, request, Redactor);
        }
        catch (Exception ex) when (Failures.Map(ex, Redactor, cancellationToken) is { } failure)
        {
            response?.Dispose();
            request.Dispose();
            throw failure;
        }
        catch
        {
            response?.Dispose();
            request.Dispose();
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
    /// <param name="apiKey">The key.</param>
    /// <param name="paramName">The parameter.</param>
    /// <returns>The key.</returns>
    public static string RequireApiKey(string apiKey, [CallerArgumentExpression(nameof(apiKey))] string? paramName = null) =>
        string.IsNullOrWhiteSpace(apiKey)
            ? throw new ArgumentException(
                $"The API key is empty. Pass your OpenRouter key, or pass OpenRouterClientOptions without ApiKey to read the environment variable '{ApiKeyEnvironmentVariable}'.",
                paramName)
            : apiKey;

    /// <summary>Reads <see cref="ApiKeyEnvironmentVariable"/>; <see langword="null"/> when unset or blank.</summary>
    /// <returns>The key.</returns>
    public static string? ApiKeyFromEnvironment() => OpenRouterEnvironment.ApiKey();

    /// <summary>
    /// Reads a whole response body, at most <see cref="MaxJsonBodyBytes"/>, into a pooled buffer (the caller disposes it).
    /// Failures are left to the caller's error path.
    /// </summary>
    private static async Task<PooledBufferWriter> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        long? length = response.Content.Headers.ContentLength;
        if (length > MaxJsonBodyBytes)
        {
            throw Failures.BodyTooLarge(MaxJsonBodyBytes);
        }

        var buffer = new PooledBufferWriter(length is > 0 ? (int)Math.Min(length.Value + 1, MaxInitialBodyBuffer) : 16 * 1024);
        BodySegments? segments = null;
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    // Past MaxInitialBodyBuffer, a declared length sizes the buffer exactly, once, and a body of unknown length goes on in
                    // segments joined at the end: doubling from 16 KB allocated 3.8x a 64 MB image answer in buffers (ImageAnswerMemoryTests;
                    // bench/README.md, scenario g).
                    int written = buffer.WrittenSpan.Length;
                    bool sized = length is { } declared && written >= MaxInitialBodyBuffer && declared >= written;
                    if (sized)
                    {
                        buffer.GrowExactly((int)length!.Value + 1);
                    }
                    else if (length is null && segments is null && written >= MaxInitialBodyBuffer)
                    {
                        segments = new BodySegments();
                    }

                    int read = await stream.ReadAsync(segments?.GetMemory() ?? buffer.GetMemory(sized ? 1 : 4096), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        segments?.MoveTo(buffer);
                        return buffer;
                    }

                    if (segments is null)
                    {
                        buffer.Advance(read);
                    }
                    else
                    {
                        segments.Advance(read);
                    }

                    if (buffer.WrittenSpan.Length + (segments?.Length ?? 0) > MaxJsonBodyBytes)
                    {
                        throw Failures.BodyTooLarge(MaxJsonBodyBytes);
                    }
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        finally
        {
            segments?.Dispose();
        }
    }

    /// <summary>
    /// A body that is not UTF-8 is malformed (JSON is UTF-8, RFC 8259 §8.1; checked once here because System.Text.Json
    /// checks a string only when it is read, so a member kept as a <see cref="JsonElement"/> would otherwise throw in the
    /// caller's hands); an OpenRouter error object with no result beside it is thrown; anything else goes to the decoder.
    /// </summary>
    private static T Decode<T>(ReadOnlySpan<byte> body, HttpResponseMessage response, BodyDecoder<T> decode)
    {
        if (!Utf8.IsValid(body))
        {
            throw new FormatException("The answer is not UTF-8 text.");
        }

        if (ErrorObjects.TryParseErrorObject(body, out JsonElement error))
        {
            throw ErrorObjects.FromErrorObject(error, httpStatus: null, RetryAfterHeaders.GetRetryAfter(response), generationId: null, modelId: null);
        }

        return decode(body, response);
    }

    /// <summary>Sends and returns a success response whose body reads fail only with I/O errors; an error status is thrown (unredacted: callers map it).</summary>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        // Reading the body fails only with IOException (mapped by Failures.Transport), whatever the caller's handler does.
        response.Content = new GuardedContent(response.Content);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ErrorResponses.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    private static Uri NormalizeEndpoint(Uri? endpoint, bool allowInsecureHttp)
    {
        if (endpoint is null)
        {
            throw new ArgumentException("OpenRouterClientOptions.Endpoint must be set.", nameof(endpoint));
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"OpenRouterClientOptions.Endpoint must be an absolute http(s) address; got '{EndpointText.Describe(endpoint)}'.", nameof(endpoint));
        }

        if (endpoint.UserInfo.Length > 0)
        {
            // HttpClient never sends an address's user info, so it would only be printed (in ToString, metadata, messages).
            throw new ArgumentException(
                $"OpenRouterClientOptions.Endpoint '{EndpointText.Describe(endpoint)}' carries credentials (user info before the host), which are not sent and would be printed. " +
                "Remove them; authenticate to a proxy with a handler of your HttpClient instead.",
                nameof(endpoint));
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !allowInsecureHttp)
        {
            throw new ArgumentException(
                $"OpenRouterClientOptions.Endpoint '{EndpointText.Describe(endpoint)}' uses plain http:// on a non-loopback host, which would send the API key unencrypted. " +
                "Use https://, or set OpenRouterClientOptions.AllowInsecureHttp = true if you really mean it.",
                nameof(endpoint));
        }

        string text = endpoint.AbsoluteUri;
        return text.EndsWith('/') ? endpoint : new Uri(text + "/");
    }
}
