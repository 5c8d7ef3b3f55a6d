using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Catalog;

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

    /// <summary>Gets the bound on waiting for a request to arrive (a limit, not a delay).</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A <see cref="RecordingHandler"/> that answers like OpenRouter's catalog: <c>model-endpoints.json</c> for a
    /// <c>…/endpoints</c> path, <see cref="ModelsJson"/> for anything else.
    /// </summary>
    public static RecordingHandler CreateHandler() =>
        new RecordingHandler().RespondToEvery(request => request.Path.EndsWith("/endpoints", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, ApiFixture("model-endpoints.json"))
            : (HttpStatusCode.OK, ModelsJson));

    public static OpenRouterClient CreateClient(RecordingHandler handler) =>
        new(new OpenRouterClientOptions { ApiKey = "sk-or-test-key" }, new HttpClient(handler));

    /// <summary>Loads the fixture catalog (or <paramref name="modelsJson"/>) through a real <see cref="OpenRouterModelCatalog"/>.</summary>
    public static async Task<OpenRouterModelCatalog> LoadedCatalogAsync(string? modelsJson = null)
    {
        RecordingHandler handler = CreateHandler();
        if (modelsJson is not null)
        {
            handler.RespondToEvery(_ => (HttpStatusCode.OK, modelsJson));
        }

        var catalog = new OpenRouterModelCatalog(CreateClient(handler));
        await catalog.RefreshAsync(TestContext.Current.CancellationToken);
        return catalog;
    }
}
