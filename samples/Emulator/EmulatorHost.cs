using System.Globalization;
using System.Net.Sockets;
using OpenRouter.Testing;

namespace Emulator;

/// <summary>Runs the OpenRouter emulator until cancelled and says how to point code at it.</summary>
public static class EmulatorHost
{
    /// <summary>The port used when none is given, so the line to export stays the same from one run to the next.</summary>
    public const int DefaultPort = 5599;

    /// <summary>The start of the line to export, <c>export OPENROUTER_BASE_URL=…</c>.</summary>
    public const string ExportPrefix = "export OPENROUTER_BASE_URL=";

    private const string Usage =
        "usage: dotnet run --project samples/Emulator [-- [--port N] [--lenient] [--api-key KEY] [--token-delay MS]]\n" +
        "  --port N          listen on 127.0.0.1:N (default 5599; 0 for a free port)\n" +
        "  --lenient         accept what OpenRouter refuses (unknown model ids, tools to tool-less models, no messages)\n" +
        "  --api-key KEY     accept only this key (401 'User not found.' for another; by default no key is needed)\n" +
        "  --token-delay MS  pause between streamed events (default 20; 0 streams at once)";

    /// <summary>Starts the emulator, writes where it listens and the line to export, and runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="args">The command-line options (see the usage text).</param>
    /// <param name="output">Where the address and the line to export go.</param>
    /// <param name="error">Where a usage or start-up error goes.</param>
    /// <param name="cancellationToken">Stops the emulator.</param>
    /// <returns>0 after a clean stop, 1 when the port is taken, 2 for invalid options.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse(args, out string? problem) is not { } options)
        {
            error.WriteLine($"error: {problem}");
            error.WriteLine(Usage);
            return 2;
        }

        OpenRouterEmulator emulator;
        try
        {
            emulator = await OpenRouterEmulator.StartAsync(options, cancellationToken);
        }
        catch (IOException ex) when (IsAddressInUse(ex))
        {
            error.WriteLine($"error: port {options.Port} on 127.0.0.1 is in use (another emulator?). Pass --port 0 for a free port, or --port N.");
            return 1;
        }

        await using (emulator)
        {
            output.WriteLine($"OpenRouter emulator on {emulator.Endpoint} ({(options.Lenient ? "lenient" : "refuses what OpenRouter refuses")}; canned answers, not a real model). To use it from another terminal:");
            output.WriteLine($"{ExportPrefix}{emulator.Endpoint}");
            output.WriteLine($"  (PowerShell: $env:OPENROUTER_BASE_URL = \"{emulator.Endpoint}\"). Ctrl+C stops it.");
            output.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop.
            }
        }

        output.WriteLine("OpenRouter emulator stopped.");
        return 0;
    }

    /// <summary>Kestrel's "failed to bind" carries the socket error somewhere in its inner exceptions.</summary>
    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the options; <see langword="null"/> with <paramref name="problem"/> set when they are invalid.</summary>
    private static OpenRouterEmulatorOptions? Parse(string[] args, out string? problem)
    {
        var options = new OpenRouterEmulatorOptions { Port = DefaultPort };
        problem = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--lenient":
                    options.Lenient = true;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535:
                    options.Port = port;
                    i++;
                    break;
                case "--api-key" when !string.IsNullOrWhiteSpace(value):
                    options.ApiKey = value;
                    i++;
                    break;
                case "--token-delay" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int milliseconds):
                    options.TokenDelay = TimeSpan.FromMilliseconds(milliseconds);
                    i++;
                    break;
                default:
                    problem = $"unknown or incomplete option '{args[i]}'";
                    return null;
            }
        }

        return options;
    }
}
