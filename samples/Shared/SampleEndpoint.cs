// Shared by every sample (linked into each project): decides between openrouter.ai and the offline emulator.
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Samples;

/// <summary>
/// Where a sample sends its requests: openrouter.ai when an API key is given, otherwise an in-process OpenRouter
/// emulator on 127.0.0.1 (no network, deterministic canned answers). Dispose it to stop the emulator.
/// </summary>
internal sealed class SampleEndpoint : IAsyncDisposable
{
    private readonly OpenRouterEmulator? _emulator;

    private SampleEndpoint(string apiKey, Uri endpoint, OpenRouterEmulator? emulator)
    {
        ApiKey = apiKey;
        Endpoint = endpoint;
        _emulator = emulator;
    }

    /// <summary>Gets the API key to send (a placeholder for the emulator, which accepts any key).</summary>
    public string ApiKey { get; }

    /// <summary>Gets the API base address: OpenRouter's, or the emulator's <c>http://127.0.0.1:{port}/api/v1/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets a value indicating whether requests go to the offline emulator.</summary>
    public bool IsEmulator => _emulator is not null;

    /// <summary>
    /// Uses openrouter.ai when <paramref name="apiKey"/> is set; otherwise starts the emulator and writes one line to
    /// <paramref name="output"/> saying so.
    /// </summary>
    /// <param name="apiKey">The key; <see langword="null"/> or blank for the emulator.</param>
    /// <param name="output">Where the line about the emulator goes.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="paced">Whether the emulator streams word by word as a model would (on a terminal), or all at once (tests).</param>
    public static async Task<SampleEndpoint> StartAsync(string? apiKey, TextWriter output, CancellationToken cancellationToken = default, bool paced = false)
    {
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            return new SampleEndpoint(apiKey, OpenRouterClientOptions.DefaultEndpoint, emulator: null);
        }

        var options = new OpenRouterEmulatorOptions { TokenDelay = paced ? OpenRouterEmulatorOptions.DefaultTokenDelay : TimeSpan.Zero };
        OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(options, cancellationToken);
        output.WriteLine($"OPENROUTER_API_KEY is not set: using the offline OpenRouter emulator at {emulator.Endpoint} (canned answers, not a real model).");
        return new SampleEndpoint("offline", emulator.Endpoint, emulator);
    }

    /// <summary>Creates the options of an <see cref="OpenRouterChatClient"/> for this endpoint.</summary>
    public OpenRouterClientOptions CreateOptions(string model, string appTitle) => new()
    {
        ApiKey = ApiKey,
        Endpoint = Endpoint,
        DefaultModelId = model,
        AppTitle = appTitle,
    };

    /// <summary>
    /// Runs a sample's main and turns an <see cref="OpenRouterException"/> into one line on <paramref name="error"/> (the
    /// reason and what to try) and exit code 1, instead of a stack trace.
    /// </summary>
    /// <param name="sample">The sample's main; returns the exit code.</param>
    /// <param name="apiKey">The key the sample was given; the hint depends on whether there was one.</param>
    /// <param name="error">Where the line goes, normally <see cref="Console.Error"/>.</param>
    /// <returns>The sample's exit code, or 1 after an <see cref="OpenRouterException"/>.</returns>
    public static async Task<int> ReportFailuresAsync(Func<Task<int>> sample, string? apiKey, TextWriter error)
    {
        try
        {
            return await sample();
        }
        catch (OpenRouterException ex)
        {
            string hint = string.IsNullOrWhiteSpace(apiKey)
                ? "the offline emulator failed; run the sample's tests (dotnet test tests/OpenRouter.Samples.Tests) to see why"
                : ex.StatusCode is System.Net.HttpStatusCode.Unauthorized
                    ? "check the key in OPENROUTER_API_KEY, or unset OPENROUTER_API_KEY to run on the offline emulator"
                    : "unset OPENROUTER_API_KEY to run on the offline emulator";
            error.WriteLine($"error: {ex.Message.TrimEnd('.')}. Hint: {hint}.");
            return 1;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
