using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator;

namespace OpenRouter.Samples.Tests;

/// <summary>The emulator on its own (<c>dotnet run --project samples/Emulator</c>): the line to export, OpenRouter's refusals, the options.</summary>
public sealed class EmulatorHostTests
{
    private const string Chat = """{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FreePort_PrintsTheLineToExport_AnswersWithoutAKey_AndStopsOnCancel()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new ExportLineWriter();
        Task<int> run = EmulatorHost.RunAsync(["--port", "0", "--token-delay", "0"], output, TextWriter.Null, stop.Token);

        Uri endpoint = await output.Endpoint.Task.WaitAsync(Ct);
        using var http = new HttpClient { BaseAddress = endpoint };
        using HttpResponseMessage answered = await http.PostAsync("chat/completions", Json(Chat), Ct);
        using HttpResponseMessage typo = await http.PostAsync("chat/completions", Json(Chat.Replace("gpt-4o-mini", "gpt-4o-mni", StringComparison.Ordinal)), Ct);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal("127.0.0.1", endpoint.Host);
        Assert.EndsWith("/api/v1/", endpoint.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("OpenRouter emulator stopped.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LenientWithApiKey_AcceptsAnyModelButOnlyThatKey()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var output = new ExportLineWriter();
        Task<int> run = EmulatorHost.RunAsync(["--port", "0", "--lenient", "--api-key", "sk-or-mine"], output, TextWriter.Null, stop.Token);
        Uri endpoint = await output.Endpoint.Task.WaitAsync(Ct);
        using var http = new HttpClient { BaseAddress = endpoint };
        string anyModel = Chat.Replace("openai/gpt-4o-mini", "test/anything", StringComparison.Ordinal);

        using HttpResponseMessage mine = await http.SendAsync(Post(anyModel, "sk-or-mine"), Ct);
        using HttpResponseMessage other = await http.SendAsync(Post(anyModel, "sk-or-other"), Ct);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Contains("User not found.", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PortInUse_SaysSoInOneLineAndReturns1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var error = new StringWriter();

        int exit = await EmulatorHost.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TextWriter.Null, error, Ct);

        Assert.Equal(1, exit);
        Assert.Equal($"error: port {port} on 127.0.0.1 is in use (another emulator?). Pass --port 0 for a free port, or --port N.", error.ToString().Trim());
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("--port")]
    [InlineData("--port", "http")]
    public async Task RunAsync_InvalidOption_PrintsUsageAndReturns2(params string[] args)
    {
        using var error = new StringWriter();

        int exit = await EmulatorHost.RunAsync(args, TextWriter.Null, error, Ct);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: unknown or incomplete option '{args[0]}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: dotnet run --project samples/Emulator", error.ToString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Post(string body, string key) => new(HttpMethod.Post, "chat/completions")
    {
        Content = Json(body),
        Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key) },
    };

    /// <summary>Captures the output and signals the address of the <c>export OPENROUTER_BASE_URL=…</c> line when it is written.</summary>
    private sealed class ExportLineWriter : StringWriter
    {
        public TaskCompletionSource<Uri> Endpoint { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(EmulatorHost.ExportPrefix, StringComparison.Ordinal) == true)
            {
                Endpoint.TrySetResult(new Uri(value[EmulatorHost.ExportPrefix.Length..]));
            }
        }
    }
}
