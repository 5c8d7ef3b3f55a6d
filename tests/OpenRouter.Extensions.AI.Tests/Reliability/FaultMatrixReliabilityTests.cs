using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Reliability;


/// <summary>
/// The fault matrix (docs/fault-matrix.md) again, with what the functional tests in <c>LoopbackFaultTests</c> do not
/// check: every HTTP response is disposed (a <see cref="RecordingHandler"/> wraps each response's content and counts its
/// disposal, and the same client, limited to one connection per server, must serve the next request), and no task
/// exception is left unobserved.
/// </summary>
[Collection(nameof(ProcessWideMeasurementCollection))]
public sealed class FaultMatrixReliabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The matrix: item number → (response to script, options, expected outcome).</summary>
    private static readonly Dictionary<string, FaultCase> Cases = new()
    {
        ["01-429-retry-after-seconds"] = new(_ => EmulatorResponse.Error(429, "Rate limit exceeded", retryAfter: TimeSpan.FromSeconds(7))),
        ["02-429-retry-after-date"] = new(_ => EmulatorResponse.Raw(429, "application/json", """{"error":{"code":429,"message":"slow down"}}""",
            new Dictionary<string, string> { ["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture) })),
        ["03-502-html"] = new(_ => EmulatorResponse.Raw(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>" + new string('x', 200_000) + "</body></html>")),
        ["04-503-provider-metadata"] = new(_ => EmulatorResponse.Error(503, "Provider returned error", retryAfter: TimeSpan.FromSeconds(1),
            metadata: new JsonObject { ["provider_name"] = "Anthropic", ["raw"] = """{"error":{"type":"overloaded_error"}}""" })),
        ["05-408-timeout"] = new(_ => EmulatorResponse.Error(408, "Request timed out upstream")),
        ["06-connection-reset"] = new(_ => EmulatorResponse.StreamedText("one", " two", " three", " four").AbortAfter(3)) { StreamingOnly = true },
        ["07-no-done"] = new(_ => EmulatorResponse.StreamedText("one", " two", " three").EndAfter(3)) { StreamingOnly = true },
        ["08-stall-idle-timeout"] = new(_ => EmulatorResponse.StreamedText("one", " two", " three").StallBefore(2, TimeSpan.FromSeconds(30)),
            o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300)) { StreamingOnly = true },
        ["09-in-band-error"] = new(_ => EmulatorResponse.StreamedText("Hello", " world").WithStreamError()) { StreamingOnly = true },
        ["10-caller-cancels"] = new(_ => EmulatorResponse.StreamedText("one", " two", " three").StallBefore(2, TimeSpan.FromSeconds(30)),
            Expected: Outcome.Canceled, CancelAfterFirstText: true) { StreamingOnly = true },
        ["11-ten-megabyte-line"] = new(_ => EmulatorResponse.StreamedText(new string('x', 10 * 1024 * 1024), "!"), Expected: Outcome.Success) { StreamingOnly = true },
        ["12-unreachable"] = new(_ => null, Unreachable: true),
        ["extra-403-moderation"] = new(_ => EmulatorResponse.Error(403, "Input was flagged", metadata: new JsonObject { ["reasons"] = new JsonArray("violence") })),
        ["extra-200-error-body"] = new(_ => EmulatorResponse.Error(200, "No endpoints found", code: 404)),
    };

    public static TheoryData<string, bool> Matrix()
    {
        var data = new TheoryData<string, bool>();
        foreach (string name in Cases.Keys)
        {
            data.Add(name, true);
            if (!Cases[name].StreamingOnly)
            {
                data.Add(name, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task FaultMatrix_Item_DisposesEveryResponseAndReleasesTheConnection(string item, bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        (HttpClient http, RecordingHandler tracker) = RecordingHandler.CreateLoopbackClient();
        using (http)
        {
            FaultCase fault = Cases[item];
            Uri endpoint = fault.Unreachable ? await DeadEndpointAsync() : emulator.Endpoint;
            using OpenRouterChatClient client = CreateClient(endpoint, http, fault.Configure);

            Exception? thrown = await RunAsync(emulator, client, fault, streaming);

            AssertOutcome(fault, thrown);
            Assert.Equal(0, tracker.Outstanding);
            if (!fault.Unreachable)
            {
                // One connection per server: a leaked response would hold it, and this request would wait forever.
                using OpenRouterChatClient next = CreateClient(emulator.Endpoint, http, null);
                emulator.Enqueue(EmulatorResponse.Text("after"));
                using var guard = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                guard.CancelAfter(TimeSpan.FromSeconds(30));
                Assert.Equal("after", (await next.GetResponseAsync("x", cancellationToken: guard.Token)).Text);
                Assert.Equal(0, tracker.Outstanding);
                Assert.True(tracker.ResponsesCreated >= 2, $"{tracker.ResponsesCreated} responses were tracked");
            }
        }
    }

    [Fact]
    public async Task FaultMatrix_AllItems_LeaveNoUnobservedTaskException()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception);
        CollectGarbage();
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            int faults = 0;
            await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
            Uri dead = await DeadEndpointAsync();
            foreach ((string name, FaultCase fault) in Cases)
            {
                foreach (bool streaming in fault.StreamingOnly ? [true] : new[] { true, false })
                {
                    using var client = new OpenRouterChatClient(Options(fault.Unreachable ? dead : emulator.Endpoint, fault.Configure));
                    Exception? thrown = await RunAsync(emulator, client, fault, streaming);
                    AssertOutcome(fault, thrown);
                    faults += fault.Expected == Outcome.Success ? 0 : 1;
                }
            }

            Assert.True(faults >= 20, $"only {faults} faults ran");

            // Tasks that fault without being awaited are reported when they are finalized.
            CollectGarbage();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.True(unobserved.IsEmpty, string.Join(Environment.NewLine + "---" + Environment.NewLine, unobserved));
    }

    private static void CollectGarbage()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }
    }

    private static async Task<Exception?> RunAsync(OpenRouterEmulator emulator, OpenRouterChatClient client, FaultCase fault, bool streaming)
    {
        if (fault.Script(emulator) is { } response)
        {
            emulator.Enqueue(response);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        try
        {
            if (streaming)
            {
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: cts.Token))
                {
                    if (fault.CancelAfterFirstText && update.Text.Length > 0)
                    {
                        cts.CancelAfter(50);
                    }
                }
            }
            else
            {
                await client.GetResponseAsync("x", cancellationToken: cts.Token);
            }

            return null;
        }
        catch (Exception ex) when (ex is OpenRouterException || (ex is OperationCanceledException && cts.IsCancellationRequested && !Ct.IsCancellationRequested))
        {
            return ex;
        }
    }

    private static void AssertOutcome(FaultCase fault, Exception? thrown)
    {
        switch (fault.Expected)
        {
            case Outcome.Success:
                Assert.Null(thrown);
                break;
            case Outcome.Canceled:
                Assert.IsAssignableFrom<OperationCanceledException>(thrown);
                break;
            default:
                Assert.IsType<OpenRouterException>(thrown);
                break;
        }
    }

    private static OpenRouterClientOptions Options(Uri endpoint, Action<OpenRouterClientOptions>? configure)
    {
        var options = new OpenRouterClientOptions { Endpoint = endpoint, ApiKey = "sk-or-reliability", DefaultModelId = "openai/gpt-4o" };
        configure?.Invoke(options);
        return options;
    }

    private static OpenRouterChatClient CreateClient(Uri endpoint, HttpClient http, Action<OpenRouterClientOptions>? configure) =>
        new(Options(endpoint, configure), http);

    /// <summary>The address of an emulator that was started and stopped: nothing listens there.</summary>
    private static async Task<Uri> DeadEndpointAsync()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        return emulator.Endpoint;
    }

    private enum Outcome
    {
        OpenRouterException,
        Canceled,
        Success,
    }

    /// <param name="Script">The response to enqueue (null: none).</param>
    /// <param name="Configure">Client options to change.</param>
    /// <param name="Expected">What the caller gets.</param>
    /// <param name="CancelAfterFirstText">Cancel the caller's token after the first text update.</param>
    /// <param name="Unreachable">Talk to an address where nothing listens.</param>
    private sealed record FaultCase(
        Func<OpenRouterEmulator, EmulatorResponse?> Script,
        Action<OpenRouterClientOptions>? Configure = null,
        Outcome Expected = Outcome.OpenRouterException,
        bool CancelAfterFirstText = false,
        bool Unreachable = false)
    {
        /// <summary>Gets a value indicating whether the fault exists only in a stream (a non-streaming request is not run).</summary>
        public bool StreamingOnly { get; init; }
    }
}
