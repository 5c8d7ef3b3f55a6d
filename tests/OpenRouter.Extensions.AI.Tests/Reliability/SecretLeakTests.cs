using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// A sentinel API key must never show up where a key could leak: exception messages, <c>ToString()</c>, logs of MEAI's
/// <c>UseLogging</c> pipeline at Trace level, snapshot files, and the emulator's recorded requests.
/// </summary>
public sealed partial class SecretLeakTests
{
    private const string Sentinel = "sk-or-v1-SENTINEL-0123456789";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ErrorPaths_SentinelKey_NeverInExceptionMessagesOrToString()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = new OpenRouterChatClient(Options(emulator.Endpoint));
        using var rest = new OpenRouterClient(Options(emulator.Endpoint));
        var failures = new List<Exception>();

        async Task CollectAsync(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (OpenRouterException ex)
            {
                failures.Add(ex);
            }
        }

        emulator.Enqueue(EmulatorResponse.Error(401, "No auth credentials found"));
        await CollectAsync(() => client.GetResponseAsync("x", cancellationToken: Ct));
        emulator.Enqueue(EmulatorResponse.Error(429, "Rate limit exceeded", retryAfter: TimeSpan.FromSeconds(3)));
        await CollectAsync(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct)));
        emulator.Enqueue(EmulatorResponse.Error(503, "Provider returned error", metadata: new JsonObject { ["provider_name"] = "P", ["raw"] = "{\"e\":1}" }));
        await CollectAsync(() => client.GetResponseAsync("x", cancellationToken: Ct));
        emulator.Enqueue(EmulatorResponse.StreamedText("a", "b").WithStreamError());
        await CollectAsync(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct)));
        emulator.Enqueue(EmulatorResponse.StreamedText("a", "b", "c").AbortAfter(2));
        await CollectAsync(() => DrainAsync(client.GetStreamingResponseAsync("x", cancellationToken: Ct)));
        emulator.Enqueue(EmulatorResponse.Raw(502, "text/html", "<html><title>Bad Gateway</title></html>"));
        await CollectAsync(() => client.GetResponseAsync("x", cancellationToken: Ct));
        emulator.Enqueue(EmulatorResponse.Raw(200, "application/json", "{\"choices\":[{\"message\":"));
        await CollectAsync(() => client.GetResponseAsync("x", cancellationToken: Ct));

        Uri dead;
        await using (OpenRouterEmulator stopped = await TestEmulator.StartAsync(Ct))
        {
            dead = stopped.Endpoint;
        }

        using (var unreachable = new OpenRouterChatClient(Options(dead)))
        {
            await CollectAsync(() => unreachable.GetResponseAsync("x", cancellationToken: Ct));
        }

        using (var unreachableRest = new OpenRouterClient(Options(dead)))
        {
            await CollectAsync(() => unreachableRest.Keys.GetCurrentAsync(Ct));
        }

        Assert.Equal(9, failures.Count);
        foreach (Exception ex in failures)
        {
            AssertNoSecret(Describe(ex), ex.GetType().Name);
        }

        Assert.Contains(failures, ex => ex.InnerException is HttpRequestException);
        AssertNoSecret(client.ToString(), "OpenRouterChatClient.ToString()");
        AssertNoSecret(rest.ToString()!, "OpenRouterClient.ToString()");
        AssertNoSecret(Options(emulator.Endpoint).ToString(), "OpenRouterClientOptions.ToString()");
        AssertNoSecret(client.GetService<ChatClientMetadata>()!.ProviderUri!.ToString(), "ChatClientMetadata");
    }

    [Fact]
    public async Task EmulatorRecordedRequests_SentinelKey_AreRedacted()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var client = new OpenRouterChatClient(Options(emulator.Endpoint));
        using var rest = new OpenRouterClient(Options(emulator.Endpoint));

        await client.GetResponseAsync("hello", cancellationToken: Ct);
        await DrainAsync(client.GetStreamingResponseAsync("hello", cancellationToken: Ct));
        await rest.Models.ListAsync(cancellationToken: Ct);

        Assert.Equal(3, emulator.Requests.Count);
        foreach (RecordedRequest request in emulator.Requests)
        {
            Assert.StartsWith("Bearer ", request.GetHeader("Authorization"), StringComparison.Ordinal);
            AssertNoSecret(request.ToString(), "RecordedRequest.ToString()");
            AssertNoSecret(request.Body, "RecordedRequest.Body");
            foreach ((string name, string value) in request.Headers)
            {
                AssertNoSecret(name + ": " + value, "RecordedRequest.Headers");
            }
        }
    }

    [Fact]
    public async Task UseLogging_TraceLevel_NeverLogsTheKey()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using var loggerFactory = new CapturingLoggerFactory();
        using IChatClient client = new OpenRouterChatClient(Options(emulator.Endpoint)).AsBuilder().UseLogging(loggerFactory).Build();
        var options = new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { ["provider"] = new JsonObject { ["sort"] = "price" } } };

        await client.GetResponseAsync("hello", options, Ct);
        await DrainAsync(client.GetStreamingResponseAsync("hello", options, Ct));
        emulator.Enqueue(EmulatorResponse.Error(401, "No auth credentials found"));
        await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync("hello", options, Ct));
        emulator.Enqueue(EmulatorResponse.StreamedText("a", "b").WithStreamError());
        await Assert.ThrowsAsync<OpenRouterException>(() => DrainAsync(client.GetStreamingResponseAsync("hello", options, Ct)));

        // Trace logging really ran: the messages and options were logged, and so were the failures.
        Assert.Contains(loggerFactory.Entries, e => e.Contains("hello", StringComparison.Ordinal) && e.Contains("price", StringComparison.Ordinal));
        Assert.Contains(loggerFactory.Entries, e => e.Contains("No auth credentials found", StringComparison.Ordinal));
        Assert.True(loggerFactory.Entries.Count >= 8, $"{loggerFactory.Entries.Count} log entries");
        foreach (string entry in loggerFactory.Entries)
        {
            AssertNoSecret(entry, "log entry");
        }
    }

    [Fact]
    public void SnapshotFiles_AllInRepository_ContainNoApiKey()
    {
        string root = Infrastructure.RepositoryRoot.Path;
        string[] snapshots = [.. Directory.EnumerateDirectories(root, "__snapshots__", SearchOption.AllDirectories)
            .Where(d => !d.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))];

        Assert.True(snapshots.Length >= 10, $"only {snapshots.Length} snapshot files found under {root}");
        foreach (string file in snapshots)
        {
            string text = File.ReadAllText(file);
            AssertNoSecret(text, file);
        }
    }

    [Theory]
    [InlineData("Authorization: Bearer sk-or-v1-0123456789abcdef0123456789abcdef", true)]
    [InlineData("\"key\": \"sk-or-test-key-long-enough\"", true)]
    [InlineData("\"Label\": \"sk-or-v1-0e6...1c96\"", false)]
    [InlineData("Authorization: Bearer [redacted]", false)]
    public void LooksLikeKey_Text_DetectsKeysButNotMaskedLabels(string text, bool expected)
    {
        Assert.Equal(expected, LooksLikeKey(text));
    }

    /// <summary>
    /// A key is <c>sk-or-</c> and at least 12 more key characters. OpenRouter's masked key labels
    /// (<c>sk-or-v1-0e6...1c96</c>) are not keys.
    /// </summary>
    internal static bool LooksLikeKey(string text) => KeyPattern().IsMatch(text) || text.Contains("SENTINEL", StringComparison.Ordinal);

    internal static void AssertNoSecret(string text, string where)
    {
        Assert.False(text.Contains(Sentinel, StringComparison.Ordinal), $"The API key leaked into {where}: {text}");
        Match match = KeyPattern().Match(text);
        Assert.False(match.Success, $"Something that looks like an API key ({match.Value}) is in {where}");
    }

    [GeneratedRegex("sk-or-[A-Za-z0-9_-]{12,}")]
    private static partial Regex KeyPattern();

    private static string Describe(Exception ex)
    {
        var text = new StringBuilder(ex.ToString());
        if (ex is OpenRouterException o)
        {
            text.Append(o.ErrorCode).Append(o.ProviderName).Append(o.ProviderRawError).Append(o.FlaggedInput).Append(o.GenerationId).Append(o.ModelId)
                .Append(o.Metadata?.GetRawText()).AppendJoin(",", o.ModerationReasons ?? []);
        }

        foreach (System.Collections.DictionaryEntry entry in ex.Data)
        {
            text.Append(entry.Key).Append('=').Append(entry.Value);
        }

        return text.ToString();
    }

    private static OpenRouterClientOptions Options(Uri endpoint) =>
        new() { Endpoint = endpoint, ApiKey = Sentinel, DefaultModelId = "openai/gpt-4o", AppTitle = "Secrets Test" };

    private static async Task DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (ChatResponseUpdate _ in updates)
        {
        }
    }

    /// <summary>Captures every log entry at every level: the formatted message, the state's values and the exception.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public IReadOnlyCollection<string> Entries => Queue;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (KeyValuePair<string, object?> pair in values)
                {
                    text.Append(" | ").Append(pair.Key).Append('=').Append(pair.Value);
                }
            }

            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            Queue.Enqueue(text.ToString());
        }
    }
}
