using ToolCalling;

namespace OpenRouter.Samples.Tests;

public sealed class ToolCallingTests
{
    [Fact]
    public async Task RunAsync_NoApiKey_HostedClientCallsBothToolsWithCities_AndAnswersFromTheirResults()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(
            output => ToolCallingSample.RunAsync([], apiKey: null, output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);

        // First question: get_weather, called with Lisbon; the answer repeats the tool's result.
        Assert.Equal("  [tool call] get_weather(city: Lisbon)", SampleOutput.After(lines, "> What is the weather in Lisbon?"));
        Assert.Equal("  [tool result] Lisbon: sunny, 23 °C, light wind from the north", SampleOutput.After(lines, "  [tool call] get_weather(city: Lisbon)"));
        Assert.Equal(
            "[OpenRouter emulator] Based on get_weather: Lisbon: sunny, 23 °C, light wind from the north",
            SampleOutput.After(lines, "  [tool result] Lisbon: sunny, 23 °C, light wind from the north"));

        // Second question, same conversation: get_local_time, called with Tokyo (UTC+9).
        Assert.Equal("  [tool call] get_local_time(city: Tokyo)", SampleOutput.After(lines, "> What is the local time in Tokyo?"));
        string timeResult = SampleOutput.After(lines, "  [tool call] get_local_time(city: Tokyo)");
        Assert.Matches(@"^  \[tool result\] Tokyo: \d\d:\d\d \(UTC\+9\)$", timeResult);
        Assert.Equal($"[OpenRouter emulator] Based on get_local_time: {timeResult["  [tool result] ".Length..]}", SampleOutput.After(lines, timeResult));

        // Each question made exactly one tool call (the first round trip was not repeated in the second).
        Assert.Equal(2, lines.Count(l => l.StartsWith("  [tool call] ", StringComparison.Ordinal)));
    }
}
