using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;
using OpenRouter.Testing;
using Quickstart;

namespace OpenRouter.Samples.Tests;

/// <summary>The samples' top-level handler (SampleEndpoint.ReportFailuresAsync) and the Quickstart's streaming display.</summary>
public sealed class SampleErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportFailuresAsync_WrongKey_PrintsOneLineWithHintAndExitsWith1()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { ApiKey = "sk-or-right" }, Ct);
        using var error = new StringWriter { NewLine = "\n" };

        int exitCode = await SampleEndpoint.ReportFailuresAsync(() => AskAsync(emulator.Endpoint, "sk-or-wrong"), "sk-or-wrong", error);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "error: OpenRouter error 401: User not found. Hint: check the key in OPENROUTER_API_KEY, or unset OPENROUTER_API_KEY to run on the offline emulator.\n",
            error.ToString());
    }

    [Fact]
    public async Task ReportFailuresAsync_NoConnection_PrintsOneLineNamingTheEmulatorAndExitsWith1()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once, as with no network.
        using var error = new StringWriter { NewLine = "\n" };

        int exitCode = await SampleEndpoint.ReportFailuresAsync(() => AskAsync(new Uri("http://127.0.0.1:1/api/v1/"), "sk-or-any"), "sk-or-any", error);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: The connection to OpenRouter failed: ", line, StringComparison.Ordinal);
        Assert.EndsWith(". Hint: unset OPENROUTER_API_KEY to run on the offline emulator.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickstartRunAsync_Interactive_ShowsWaitingLineThenHowTheStreamArrived()
    {
        using var output = new StringWriter { NewLine = "\n" };

        int exitCode = await QuickstartSample.RunAsync(apiKey: null, QuickstartSample.DefaultModel, output, Ct, interactive: true);

        string text = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("\r  waiting for the first token (0.0 s)", text, StringComparison.Ordinal);
        Match stream = Regex.Match(text, @"\n  \[stream\] (\d+) updates in \d+\.\d\d s, first token after \d+\.\d\d s\n");
        Assert.True(stream.Success, text);
        Assert.True(int.Parse(stream.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 2, "the answer arrived in more than two updates");
        Assert.Contains("[OpenRouter emulator] You said: What is the capital of France?", text, StringComparison.Ordinal);
    }

    private static async Task<int> AskAsync(Uri endpoint, string apiKey)
    {
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = endpoint, ApiKey = apiKey, DefaultModelId = "openai/gpt-4o-mini" });
        await client.GetResponseAsync("Hi", cancellationToken: Ct);
        return 0;
    }
}
