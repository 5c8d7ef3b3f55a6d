using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// An <see cref="IChatClient"/> for OpenRouter's <c>/chat/completions</c>, in JSON and streaming (SSE) modes.
/// </summary>
/// <remarks>
/// <para>
/// Request: <see cref="ChatOptions"/> map to OpenRouter's fields; any <see cref="ChatOptions.AdditionalProperties"/> key is
/// written under that name (so <c>models</c>, <c>provider</c>, <c>plugins</c>, … and parameters OpenRouter adds later pass
/// through); an <see cref="OpenRouterChatRequest"/> returned by <see cref="ChatOptions.RawRepresentationFactory"/> wins over both.
/// </para>
/// <para>
/// Response: reasoning becomes <see cref="TextReasoningContent"/> whose <see cref="TextReasoningContent.ProtectedData"/> holds
/// OpenRouter's <c>reasoning_details</c> array (JSON text), which is sent back unmodified when the message is replayed;
/// cost, provider and the native finish reason are in <c>AdditionalProperties</c> under the keys of <see cref="OpenRouterResponseProperties"/>;
/// the cost is also in <c>Usage.AdditionalCounts</c> (see <see cref="OpenRouterCostExtensions"/>), so that it adds up behind a tool loop,
/// and is recorded on the <see cref="OpenRouterTelemetry.MeterName"/> meter.
/// Every failure is an <see cref="OpenRouterException"/>.
/// </para>
/// <para>
/// Model catalog (optional): created with an <see cref="OpenRouterModelCatalog"/>, the client checks each request against the model's
/// capabilities before sending (see <see cref="OpenRouterCapabilityCheck"/>), and <see cref="GetService"/> answers
/// <see cref="OpenRouterModel"/>, <see cref="OpenRouterModelCapabilities"/> (the default model's, or the model whose id is the
/// string service key) and <see cref="OpenRouterModelCatalog"/>. <c>GetService</c> is synchronous and reads the catalog's last load:
/// it returns <see langword="null"/> until the catalog was loaded (by a checked request or <see cref="OpenRouterModelCatalog.GetModelAsync"/>).
/// </para>
/// </remarks>
public sealed class OpenRouterChatClient : IChatClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly OpenRouterTransport _transport;
    private readonly ChatClientMetadata _metadata;
    private readonly CapabilityGuard? _capabilityGuard;
    private readonly Uri _chatCompletionsUri;

    /// <summary>Gets or sets the clock that measures <see cref="OpenRouterClientOptions.StreamIdleTimeout"/>; tests substitute a fake one.</summary>
    internal TimeProvider TimeProvider { get => _transport.TimeProvider; set => _transport.TimeProvider = value; }

    /// <summary>Initializes a new instance for OpenRouter's API with an API key and, optionally, a default model.</summary>
    /// <param name="apiKey">The API key.</param>
    /// <param name="defaultModelId">The model used when <see cref="ChatOptions.ModelId"/> is not set, e.g. <c>openai/gpt-4o-mini</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is <see langword="null"/>, empty or blank.</exception>
    public OpenRouterChatClient(string apiKey, string? defaultModelId = null)
        : this(new OpenRouterClientOptions { ApiKey = OpenRouterTransport.RequireApiKey(apiKey), DefaultModelId = defaultModelId })
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenRouterChatClient"/> class.</summary>
    /// <param name="options">The endpoint, key, default model and attribution settings. A <see langword="null"/> <see cref="OpenRouterClientOptions.ApiKey"/> is read from the <c>OPENROUTER_API_KEY</c> environment variable.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send requests with; owned by the caller. When <see langword="null"/>, the client creates one and disposes it in <see cref="Dispose"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is not a usable address.</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // new(...) { ApiKey = … } picks this one, not (string apiKey, …).
    public OpenRouterChatClient(OpenRouterClientOptions options, HttpClient? httpClient = null)
    {
        _transport = new OpenRouterTransport(options, httpClient);
        _metadata = new ChatClientMetadata("openrouter", _transport.Endpoint, _transport.DefaultModelId);
        _chatCompletionsUri = _transport.Resolve(ApiRoute.Of("chat/completions"));
    }

    /// <summary>Initializes a new instance that knows the model catalog: it checks requests against model capabilities and exposes catalog entries through <see cref="GetService"/>.</summary>
    /// <param name="options">The endpoint, key, default model and attribution settings.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> to send requests with; owned by the caller. When <see langword="null"/>, the client creates one and disposes it in <see cref="Dispose"/>.</param>
    /// <param name="catalog">The model catalog; not disposed by this client. When it cannot be loaded, requests are sent unchecked (a warning is logged).</param>
    /// <param name="capabilityCheck">What to do, before sending, with request features the model does not support; <see cref="OpenRouterCapabilityCheck.Strict"/> by default.</param>
    /// <param name="logger">The logger for dropped parameters and skipped checks.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="catalog"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capabilityCheck"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">The endpoint is not a usable address.</exception>
    public OpenRouterChatClient(
        OpenRouterClientOptions options,
        HttpClient? httpClient,
        OpenRouterModelCatalog catalog,
        OpenRouterCapabilityCheck capabilityCheck = OpenRouterCapabilityCheck.Strict,
        ILogger<OpenRouterChatClient>? logger = null)
        : this(options, httpClient)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _capabilityGuard = new CapabilityGuard(catalog, capabilityCheck, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        (string modelId, OpenRouterChatRequest? raw) = ResolveModel(options);
        (options, raw) = await CheckCapabilitiesAsync(messages, options, raw, modelId, cancellationToken).ConfigureAwait(false);
        ChatResponse result = await _transport.SendAsync(CreateRequest(new ChatRequestView(messages, options, raw, modelId, stream: false)), ChatResponseReader.Decode, cancellationToken).ConfigureAwait(false);
        ChatCostTelemetry.Record(result, modelId, _transport.Redactor);
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        (string modelId, OpenRouterChatRequest? raw) = ResolveModel(options);
        (options, raw) = await CheckCapabilitiesAsync(messages, options, raw, modelId, cancellationToken).ConfigureAwait(false);
        ChatCostTelemetry cost = ChatCostTelemetry.ForStream(modelId, _transport.Redactor);
        HttpRequestMessage request = CreateRequest(new ChatRequestView(messages, options, raw, modelId, stream: true));
        await foreach (ChatResponseUpdate update in _transport.StreamAsync(request, new ResponseCacheHeaders.StreamDecoder(new ChatStreamState()), cancellationToken).ConfigureAwait(false))
        {
            cost.Observe(update);
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (_capabilityGuard is not null &&
            (serviceType == typeof(OpenRouterModel) || serviceType == typeof(OpenRouterModelCapabilities) || serviceType == typeof(OpenRouterModelCatalog)))
        {
            return _capabilityGuard.GetService(serviceType, serviceKey, _transport.DefaultModelId);
        }

        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(TenantScope))
        {
            return _transport.Scope;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if this client created it.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>Returns a description without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"OpenRouterChatClient {{ Endpoint = {EndpointText.Describe(_transport.Endpoint)}, DefaultModelId = {_transport.DefaultModelId ?? "(none)"} }}";

    private ValueTask<(ChatOptions? Options, OpenRouterChatRequest? Raw)> CheckCapabilitiesAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, OpenRouterChatRequest? raw, string modelId, CancellationToken cancellationToken) =>
        _capabilityGuard is null
            ? ValueTask.FromResult((options, raw))
            : _capabilityGuard.ApplyAsync(messages, options, raw, modelId, cancellationToken);

    /// <summary>The model of a request, decided once: the raw request's <c>model</c> (it wins on the wire), else <c>ChatOptions.ModelId</c>, else the default.</summary>
    private (string ModelId, OpenRouterChatRequest? Raw) ResolveModel(ChatOptions? options)
    {
        var raw = options?.RawRepresentationFactory?.Invoke(this) as OpenRouterChatRequest;
        string modelId = raw?.Model ?? options?.ModelId ?? _transport.DefaultModelId
            ?? throw new ArgumentException(
                "No model: set ChatOptions.ModelId or OpenRouterClientOptions.DefaultModelId (for example \"openai/gpt-4o-mini\").", nameof(options));
        return (modelId, raw);
    }

    private HttpRequestMessage CreateRequest(in ChatRequestView view)
    {
        HttpRequestMessage request = _transport.CreateRequest(HttpMethod.Post, _chatCompletionsUri);
        try
        {
            if (view.AdditionalProperties?.TryGetValue(ChatRequestFields.Headers.Name, out object? headers) == true)
            {
                AddHeaders(request, headers);
            }

            request.Content = new PooledJsonContent(ChatRequestWriter.WriteToBuffer(in view), JsonMediaType);
        }
        catch
        {
            request.Dispose();
            throw;
        }

        return request;
    }

    /// <summary>Puts the headers of <see cref="OpenRouterChatOptionsExtensions.WithHeader"/> on the request, through the transport's one header check.</summary>
    private static void AddHeaders(HttpRequestMessage request, object? headers)
    {
        const string Source = "ChatOptions.WithHeader";
        switch (headers)
        {
            case null:
                return;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                foreach (KeyValuePair<string, string> pair in pairs)
                {
                    // The client's own headers are not replaced per request: a key set here would escape redaction.
                    if (pair.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ArgumentException($"{Source}: the '{pair.Key}' header is set by the client and cannot be given per request.", nameof(headers));
                    }

                    OpenRouterTransport.AddHeader(request, pair.Key, pair.Value, $"{Source}(\"{pair.Key}\")");
                }

                return;
            default:
                throw new ArgumentException(
                    $"ChatOptions.AdditionalProperties[\"{ChatRequestFields.Headers.Name}\"] must hold the headers set by WithHeader; got {headers.GetType().Name}.", nameof(headers));
        }
    }
}
