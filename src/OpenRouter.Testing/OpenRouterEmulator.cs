using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OpenRouter.Testing;

/// <summary>
/// An in-process OpenRouter emulator: a real Kestrel HTTP server on <c>127.0.0.1</c> (a free port) that speaks
/// OpenRouter's chat completions (JSON and server-sent events), <c>/embeddings</c>, <c>/images</c>, <c>/models</c>,
/// <c>/models/{author}/{slug}/endpoints</c>, <c>/generation?id=</c> (the stats of the generations it answered, with the
/// cost it reported), <c>/credits</c>, <c>/key</c>, <c>/keys</c> and the OAuth PKCE exchange (<c>/auth/keys</c>, <c>/auth/keys/code</c>).
/// </summary>
/// <remarks>
/// <para>
/// <c>POST /chat/completions</c> answers with the next scripted response from the FIFO queue
/// (<see cref="Enqueue(EmulatorResponse)"/>); when the queue is empty, with the <see cref="Handler"/>'s response; and
/// otherwise with the deterministic demo script, which echoes the last user message, calls a fitting tool, answers from
/// tool results, or produces JSON matching a requested schema; a request with the web search server tool gets an answer with
/// <c>url_citation</c> annotations. Every demo answer says it comes from the emulator.
/// </para>
/// <para>All members are thread-safe. Dispose the emulator to stop the server.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var emulator = await OpenRouterEmulator.StartAsync();
/// emulator.Enqueue(EmulatorResponse.Text("Hello"));
/// using HttpClient http = emulator.CreateHttpClient();
/// using var response = await http.PostAsync("chat/completions", JsonContent.Create(new { model = "openai/gpt-4o", messages = new[] { new { role = "user", content = "Hi" } } }));
/// </code>
/// </example>
public sealed class OpenRouterEmulator : IAsyncDisposable
{
    private const string ApiPrefix = "/api/v1/";
    private static readonly Lazy<string> EmbeddedCatalog = new(LoadEmbeddedCatalog);

    private readonly WebApplication _app;
    private readonly OpenRouterEmulatorOptions _options;
    private readonly ConcurrentQueue<EmulatorResponse> _queue = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly EmulatorGenerations _generations = new();
    private readonly JsonDocument _catalog;
    private readonly EmulatorRefusals _refusals;
    private readonly EmulatorKeys _keys = new(() => DateTimeOffset.UtcNow);
    private readonly string _catalogJson;
    private long _sequence;
    private long _generation;
    private int _disposed;

    private OpenRouterEmulator(OpenRouterEmulatorOptions options)
    {
        _options = options;
        Handler = options.Handler;
        _catalogJson = options.CatalogJson ?? EmbeddedCatalog.Value;
        _catalog = JsonDocument.Parse(_catalogJson);
        _refusals = new EmulatorRefusals(_catalog);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>
    /// Gets the OpenRouter API base address of this emulator, <c>http://127.0.0.1:{port}/api/v1/</c> (with a trailing
    /// slash, so relative paths such as <c>chat/completions</c> resolve under it).
    /// </summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Gets the server root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// Gets or sets a handler consulted for each <c>/chat/completions</c> request when the queue is empty. Return a
    /// response to answer with it, or <see langword="null"/> to fall back to the demo script. It may be called
    /// concurrently.
    /// </summary>
    public Func<RecordedRequest, EmulatorResponse?>? Handler { get; set; }

    /// <summary>Gets a snapshot of the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets the most recent request, or <see langword="null"/> when none was received.</summary>
    public RecordedRequest? LastRequest
    {
        get
        {
            lock (_requestsLock)
            {
                return _requests.Count > 0 ? _requests[^1] : null;
            }
        }
    }

    /// <summary>Gets how many enqueued responses have not been used yet.</summary>
    public int PendingResponses => _queue.Count;

    /// <summary>
    /// Gets the model catalog fixture (a <c>ModelsListResponse</c>, <c>{"data":[…]}</c>) that <c>GET /models</c> serves by
    /// default: more than 60 invented but realistically shaped models from many providers, including free models,
    /// embedding models, multimodal models, models without tools, numeric and string prices, a <see langword="null"/>
    /// <c>max_completion_tokens</c>, an unknown tokenizer and an unknown extra field.
    /// </summary>
    public static string CatalogJson => EmbeddedCatalog.Value;

    /// <summary>Starts an emulator on <c>127.0.0.1</c>, on a free port unless <see cref="OpenRouterEmulatorOptions.Port"/> is set.</summary>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    public static async Task<OpenRouterEmulator> StartAsync(OpenRouterEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new OpenRouterEmulator(options ?? new OpenRouterEmulatorOptions());
        try
        {
            await emulator._app.StartAsync(cancellationToken).ConfigureAwait(false);
            IServerAddressesFeature addresses = emulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
                ?? throw new InvalidOperationException("Kestrel did not report its address.");
            var bound = new Uri(addresses.Addresses.First());
            emulator.BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{bound.Port}/"));
            emulator.Endpoint = new Uri(emulator.BaseAddress, ApiPrefix);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Adds a response to the end of the queue of scripted <c>/chat/completions</c> answers.</summary>
    /// <param name="response">The response.</param>
    public void Enqueue(EmulatorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _queue.Enqueue(response);
    }

    /// <summary>Clears the queue of scripted responses and the recorded requests.</summary>
    public void Reset()
    {
        _queue.Clear();
        lock (_requestsLock)
        {
            _requests.Clear();
        }
    }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is <see cref="Endpoint"/> and that
    /// sends <c>Authorization: Bearer {apiKey}</c>. The caller disposes it.
    /// </summary>
    /// <param name="apiKey">The bearer token to send, or <see langword="null"/> to send no <c>Authorization</c> header.</param>
    /// <returns>The client.</returns>
    public HttpClient CreateHttpClient(string? apiKey = "sk-or-emulator")
    {
        var client = new HttpClient { BaseAddress = Endpoint, Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Stops the server, aborting streams that are still being written.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown timed out; the server is disposed below anyway.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _catalog.Dispose();
        _shutdown.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        RecordedRequest request = await RecordAsync(http).ConfigureAwait(false);
        string path = request.Path;

        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            await WriteErrorAsync(http, 404, $"Not found: {path}").ConfigureAwait(false);
            return;
        }

        string route = path[ApiPrefix.Length..].TrimEnd('/');

        // Exchanging a PKCE code is the one call made without a key.
        if (route != "auth/keys" && Unauthorized(http) is { } refusal)
        {
            await WriteErrorAsync(http, 401, refusal).ConfigureAwait(false);
            return;
        }

        bool isGet = HttpMethods.IsGet(request.Method);
        if (route == "chat/completions")
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                await WriteErrorAsync(http, 405, "Method not allowed; use POST").ConfigureAwait(false);
                return;
            }

            await HandleChatAsync(http, request).ConfigureAwait(false);
        }
        else if (route == "embeddings" && HttpMethods.IsPost(request.Method))
        {
            (int status, string json) = EmulatorEmbeddings.Answer(request, _options, NextGenerationId(), _options.Lenient ? null : _refusals);
            await WriteJsonAsync(http, status, json).ConfigureAwait(false);
        }
        else if (route == "images" && HttpMethods.IsPost(request.Method))
        {
            (int status, string json) = EmulatorImages.Answer(request, _options, _options.Lenient ? null : _refusals);
            await WriteJsonAsync(http, status, json).ConfigureAwait(false);
        }
        else if (route == "models" && isGet)
        {
            await WriteJsonAsync(http, 200, ModelCatalog.List(_catalog, _catalogJson, http.Request.Query)).ConfigureAwait(false);
        }
        else if (route == "generation" && isGet)
        {
            (int status, string json) = _generations.Find(http.Request.Query["id"].ToString());
            await WriteJsonAsync(http, status, json).ConfigureAwait(false);
        }
        else if (route == "credits" && isGet)
        {
            await WriteJsonAsync(http, 200, _generations.Credits(_options.TotalCredits)).ConfigureAwait(false);
        }
        else if (route == "models/embeddings" && isGet)
        {
            await WriteJsonAsync(http, 200, ModelCatalog.ListEmbeddingModels(_catalog)).ConfigureAwait(false);
        }
        else if (isGet && route.StartsWith("models/", StringComparison.Ordinal) && route.EndsWith("/endpoints", StringComparison.Ordinal))
        {
            string modelId = route["models/".Length..^"/endpoints".Length];
            string? json = ModelCatalog.Endpoints(_catalog, modelId);
            if (json is null)
            {
                await WriteErrorAsync(http, 404, $"Model '{modelId}' not found").ConfigureAwait(false);
            }
            else
            {
                await WriteJsonAsync(http, 200, json).ConfigureAwait(false);
            }
        }
        else if (route is "key" or "keys" || route.StartsWith("keys/", StringComparison.Ordinal))
        {
            (int status, string json) = _keys.HandleKeys(request.Method, route, http.Request.Query, BearerKey(http), BodyObject(request));
            await WriteJsonAsync(http, status, json).ConfigureAwait(false);
        }
        else if (route is "auth/keys" or "auth/keys/code")
        {
            (int status, string json) = _keys.HandleAuth(request.Method, route, BodyObject(request));
            await WriteJsonAsync(http, status, json).ConfigureAwait(false);
        }
        else
        {
            await WriteErrorAsync(http, 404, $"Not found: {request.Method} {path}").ConfigureAwait(false);
        }
    }

    private async Task HandleChatAsync(HttpContext http, RecordedRequest request)
    {
        JsonNode? body = null;
        string? bodyError = null;
        try
        {
            body = request.BodyAsJsonNode();
            if (body is not JsonObject)
            {
                bodyError = "Request body must be a JSON object.";
                body = null;
            }
        }
        catch (JsonException ex)
        {
            bodyError = "Request body is not valid JSON: " + ex.Message;
        }

        // What OpenRouter refuses is refused before a scripted answer is used.
        if (!_options.Lenient && body is JsonObject chat && _refusals.Chat(chat) is { } refusal)
        {
            await WriteErrorAsync(http, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        EmulatorResponse? response = null;
        if (!_queue.TryDequeue(out response))
        {
            try
            {
                response = Handler?.Invoke(request);
            }
            catch (Exception ex)
            {
                await WriteErrorAsync(http, 500, $"Emulator handler threw {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
                return;
            }
        }

        response ??= WebSearchAnswer.IsRequested(body) ? new WebSearchAnswer() : EmulatorResponse.Demo();

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _shutdown.Token);
        try
        {
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, linked.Token).ConfigureAwait(false);
            }

            var context = new ResponseContext(http, request, body, bodyError, _options, NextGenerationId, linked.Token) { Generations = _generations };
            await response.WriteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client went away or the emulator is shutting down.
        }

        if (_shutdown.IsCancellationRequested)
        {
            http.Abort();
        }
    }

    private string NextGenerationId()
    {
        long n = Interlocked.Increment(ref _generation);
        return string.Create(CultureInfo.InvariantCulture, $"gen-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}-emulator{n:D6}");
    }

    private static string? BearerKey(HttpContext http)
    {
        string header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length ? header["Bearer ".Length..].Trim() : null;
    }

    private static JsonObject? BodyObject(RecordedRequest request)
    {
        try
        {
            return request.BodyAsJsonNode() as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>OpenRouter's 401 message for this request's credentials, or <see langword="null"/> when they are accepted.</summary>
    private string? Unauthorized(HttpContext http)
    {
        if (!_options.RequireApiKey && _options.ApiKey is null)
        {
            return null;
        }

        string? key = BearerKey(http);
        if (key is null)
        {
            return EmulatorRefusals.NoCredentials;
        }

        return _options.ApiKey is null || string.Equals(key, _options.ApiKey, StringComparison.Ordinal) ? null : EmulatorRefusals.UnknownKey;
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext http)
    {
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in http.Request.Headers)
        {
            string value = header.Value.ToString();
            headers[header.Key] = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                ? RecordedRequest.RedactAuthorization(value)
                : value;
        }

        var request = new RecordedRequest(
            Interlocked.Increment(ref _sequence),
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? string.Empty,
            headers,
            body,
            DateTimeOffset.UtcNow);
        lock (_requestsLock)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string message) =>
        WriteJsonAsync(http, status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } }.ToJsonString(WireFormat.JsonOptions));

    private static async Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static string LoadEmbeddedCatalog()
    {
        using Stream stream = typeof(OpenRouterEmulator).Assembly.GetManifestResourceStream("OpenRouter.Testing.Fixtures.models.json")
            ?? throw new InvalidOperationException("The embedded model catalog fixture is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
