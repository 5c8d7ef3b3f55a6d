using Quickstart;

namespace OpenRouter.Samples.Tests;

public sealed class QuickstartTests
{
    [Fact]
    public async Task RunAsync_NoApiKey_UsesEmulator_StreamsAnswer_AndAnswersFromWeatherTool()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(
            output => QuickstartSample.RunAsync(apiKey: null, QuickstartSample.DefaultModel, output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);

        // 1. The streamed answer, then its usage with OpenRouter's cost and serving provider.
        Assert.Equal("> What is the capital of France? (openai/gpt-4o-mini)", lines[1]);
        Assert.Equal("[OpenRouter emulator] You said: What is the capital of France? Answer in one sentence.", lines[2]);
        Assert.Matches(@"^  \[usage\] input \d+ tokens, output \d+ tokens, cost 0\.\d+ USD, model openai/gpt-4o-mini, provider OpenRouterEmulator$", lines[3]);

        // 2. The tool round: the model called get_weather with the city from the question, and answered from the tool's result.
        Assert.Equal("> What is the weather in Paris?", lines[4]);
        Assert.Equal("  [tool call] get_weather(city: Paris)", lines[5]);
        Assert.Equal("[OpenRouter emulator] Based on get_weather: Sunny, 21 °C in Paris", lines[6]);
        Assert.StartsWith("  [usage] input ", lines[7], StringComparison.Ordinal);
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public async Task RunAsync_NoApiKey_ToolRoundPrintsTotalCostOfBothGenerations()
    {
        (_, string[] lines) = await SampleOutput.RunAsync(
            output => QuickstartSample.RunAsync(apiKey: null, QuickstartSample.DefaultModel, output, TestContext.Current.CancellationToken));

        // The emulator prices every token at 0.000001 USD, so a cost that covers both generations equals the summed tokens times that price.
        System.Text.RegularExpressions.Match usage = System.Text.RegularExpressions.Regex.Match(
            lines.Last(l => l.StartsWith("  [usage]", StringComparison.Ordinal)), @"input (\d+) tokens, output (\d+) tokens, cost ([0-9.]+) USD");
        Assert.True(usage.Success);
        decimal tokens = int.Parse(usage.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(usage.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(tokens * 0.000001m, decimal.Parse(usage.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RunAsync_EmptyApiKey_IsTreatedAsMissing()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(
            output => QuickstartSample.RunAsync(apiKey: "  ", "anthropic/claude-sonnet-4", output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);
        Assert.Equal("> What is the capital of France? (anthropic/claude-sonnet-4)", lines[1]);
        Assert.EndsWith("model anthropic/claude-sonnet-4, provider OpenRouterEmulator", lines[3], StringComparison.Ordinal);
    }
}
