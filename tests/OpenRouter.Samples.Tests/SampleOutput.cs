namespace OpenRouter.Samples.Tests;

/// <summary>Runs a sample's core into a <see cref="StringWriter"/> and gives back its exit code and lines.</summary>
internal static class SampleOutput
{
    /// <summary>The start of the line every sample prints when it falls back to the emulator.</summary>
    public const string EmulatorLine = "OPENROUTER_API_KEY is not set: using the offline OpenRouter emulator at http://127.0.0.1:";

    public static async Task<(int ExitCode, string[] Lines)> RunAsync(Func<TextWriter, Task<int>> sample)
    {
        using var output = new StringWriter { NewLine = "\n" };
        int exitCode = await sample(output);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (exitCode, lines);
    }

    /// <summary>Asserts that the first line is the emulator notice, printed exactly once.</summary>
    public static void AssertEmulatorNotice(string[] lines)
    {
        Assert.StartsWith(EmulatorLine, lines[0], StringComparison.Ordinal);
        Assert.EndsWith("(canned answers, not a real model).", lines[0], StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("offline OpenRouter emulator", StringComparison.Ordinal));
    }

    /// <summary>The line after the one that equals <paramref name="line"/>.</summary>
    public static string After(string[] lines, string line)
    {
        int index = Array.IndexOf(lines, line);
        Assert.True(index >= 0 && index + 1 < lines.Length, $"No line after '{line}' in:\n{string.Join('\n', lines)}");
        return lines[index + 1];
    }
}
