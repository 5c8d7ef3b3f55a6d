using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

/// <summary>
/// An in-memory OpenRouter for catalog tests: counts requests per path, answers through a replaceable function,
/// and can hold every request at a gate until the test opens it.
/// </summary>
internal sealed class CatalogHandler : HttpMessageHandler
{
    private int _requestCount;

    public CatalogHandler() => Answer = path => path.Contains("/endpoints", StringComparison.Ordinal)
        ? (HttpStatusCode.OK, CatalogTestKit.ApiFixture("model-endpoints.json"))
        : (HttpStatusCode.OK, CatalogTestKit.ModelsJson);

    /// <summary>Gets or sets the answer for a request path: status and JSON body.</summary>
    public Func<string, (HttpStatusCode Status, string Body)> Answer { get; set; }

    /// <summary>Gets or sets a task every request waits for before answering (null: answer at once).</summary>
    public Task? Gate { get; set; }

    /// <summary>Gets a task that completes when the first request arrives.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RequestCount => Volatile.Read(ref _requestCount);

    public List<string> Paths { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        lock (Paths)
        {
            Paths.Add(path);
        }

        Interlocked.Increment(ref _requestCount);
        FirstRequest.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        (HttpStatusCode status, string body) = Answer(path);
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
    }
}

/// <summary>An <see cref="ILogger{T}"/> that keeps every entry.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
        }
    }
}

internal sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);

internal static class CatalogTestKit
{
    public const string ServerError = """{"error":{"code":500,"message":"Internal Server Error"}}""";

    /// <summary>Gets the invented catalog the emulator serves (OpenRouter.Testing's Fixtures/models.json).</summary>
    public static string ModelsJson => OpenRouterEmulator.CatalogJson;

    /// <summary>Gets the number of models in <see cref="ModelsJson"/>, counted in the raw JSON.</summary>
    public static int ModelCount { get; } = JsonDocument.Parse(ModelsJson).RootElement.GetProperty("data").GetArrayLength();

    public static string ApiFixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Api", name));

    public static OpenRouterClient CreateClient(CatalogHandler handler) =>
        new(new OpenRouterClientOptions { ApiKey = "sk-or-test-key" }, new HttpClient(handler));

    /// <summary>Loads the fixture catalog (or <paramref name="modelsJson"/>) through a real <see cref="OpenRouterModelCatalog"/>.</summary>
    public static async Task<OpenRouterModelCatalog> LoadedCatalogAsync(string? modelsJson = null)
    {
        var handler = new CatalogHandler();
        if (modelsJson is not null)
        {
            handler.Answer = _ => (HttpStatusCode.OK, modelsJson);
        }

        var catalog = new OpenRouterModelCatalog(CreateClient(handler));
        await catalog.RefreshAsync(TestContext.Current.CancellationToken);
        return catalog;
    }
}
