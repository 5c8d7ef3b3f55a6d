// Linked into every test project that starts the emulator.
using OpenRouter.Testing;

namespace OpenRouter.Tests;

/// <summary>
/// Starts the emulator as tests want it: streams unpaced (<see cref="OpenRouterEmulatorOptions.TokenDelay"/> zero), since
/// these tests measure nothing about time. Tests of the pacing itself call <see cref="OpenRouterEmulator.StartAsync"/>.
/// </summary>
internal static class TestEmulator
{
    /// <summary>Starts an emulator with default options and no pacing.</summary>
    public static Task<OpenRouterEmulator> StartAsync(CancellationToken cancellationToken) =>
        StartAsync(new OpenRouterEmulatorOptions(), cancellationToken);

    /// <summary>Starts an emulator with <paramref name="options"/>, without pacing.</summary>
    public static Task<OpenRouterEmulator> StartAsync(OpenRouterEmulatorOptions options, CancellationToken cancellationToken)
    {
        options.TokenDelay = TimeSpan.Zero;
        return OpenRouterEmulator.StartAsync(options, cancellationToken);
    }
}
