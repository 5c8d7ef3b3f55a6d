using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>
/// A private <c>redis-server</c> for one test: started on a free loopback port with no persistence, stopped (killed) on dispose or on
/// <see cref="Kill"/>. Never a system Redis service. Without <c>redis-server</c> on the PATH the test is skipped, except in CI
/// (<c>CI=true</c>), where <c>.ci/run</c> installs it and a missing server is a failure.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    /// <summary>How long the server may take to say it accepts connections; a bound, not a wait (start-up takes milliseconds).</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    /// <summary>Serializes appends to the CI marker file (tests run in parallel).</summary>
    private static readonly Lock LogGate = new();

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private RedisServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts a server, or skips the test when <c>redis-server</c> is not installed (fails in CI).</summary>
    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        string? executable = FindExecutable();
        if (executable is null)
        {
            const string Missing = "redis-server is not installed (apt-get install redis-server); .ci/run installs it so these tests run in CI.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Missing);
            }

            Assert.Skip(Missing);
        }

        int port = FreeLoopbackPort();
        string directory = Directory.CreateTempSubdirectory("openrouter-redis-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (string argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", directory, "--logfile", "", "--daemonize", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new RedisServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data, ready);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited before it was ready:\n{server.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            // Readiness is a signal (the server's own "Ready to accept connections" line), bounded by a deadline; then one PING confirms it.
            await ready.Task.WaitAsync(StartDeadline, cancellationToken);
            await using ConnectionMultiplexer probe = await ConnectionMultiplexer.ConnectAsync(server.Configuration());
            await probe.GetDatabase().PingAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        RecordStart(port);
        return server;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Client settings for this server: fail fast while it is down (no backlog, short timeouts), keep reconnecting.</summary>
    public ConfigurationOptions Configuration() => new()
    {
        EndPoints = { new IPEndPoint(IPAddress.Loopback, Port) },
        AbortOnConnectFail = false,
        BacklogPolicy = BacklogPolicy.FailFast,
        ConnectTimeout = 2000,
        AsyncTimeout = 2000,
        SyncTimeout = 2000,
        ConnectRetry = 1,
    };

    /// <summary>Kills the server (as a crash would) and waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover empty temp folder is harmless.
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Appends a line to the file named by <c>OPENROUTER_REDIS_TEST_LOG</c> (set by <c>.ci/run</c>), so CI can say that Redis tests ran.</summary>
    private static void RecordStart(int port)
    {
        if (Environment.GetEnvironmentVariable("OPENROUTER_REDIS_TEST_LOG") is { Length: > 0 } log)
        {
            lock (LogGate)
            {
                File.AppendAllText(log, $"redis-server started on 127.0.0.1:{port}\n");
            }
        }
    }

    private void OnOutput(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
