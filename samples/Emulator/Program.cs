// The OpenRouter emulator on its own, for code you do not want to change:
//   dotnet run --project samples/Emulator                 (options: --port N, --lenient, --api-key KEY, --token-delay MS)
// It prints the line to export; with OPENROUTER_BASE_URL set, every OpenRouter client, registration and README example
// talks to it instead of openrouter.ai, with no key and no network. Ctrl+C stops it.
// The host itself is in EmulatorHost.cs (so the tests can run it).
using System.Runtime.InteropServices;
using Emulator;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

return await EmulatorHost.RunAsync(args, Console.Out, Console.Error, stop.Token);
