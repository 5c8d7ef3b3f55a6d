using System.Globalization;
using ModelExplorer;

namespace OpenRouter.Samples.Tests;

public sealed class ModelExplorerTests
{
    [Fact]
    public async Task RunAsync_ToolsStructuredCheapFirst_ListsOnlyMatchingModelsByPrice()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(output => ModelExplorerSample.RunAsync(
            ["--supports", "tools,structured_outputs", "--max-prompt-price", "1", "--sort", "price"], apiKey: null, output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);
        Assert.Matches(@"^\d+ of \d+ models match supports \[tools, structured_outputs\], prompt price <= 1 USD/M, sorted by price$", lines[1]);
        string[] rows = lines[4..];
        Assert.NotEmpty(rows);
        decimal previousTotal = -1;
        foreach (string row in rows)
        {
            string[] cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            decimal input = decimal.Parse(cells[1], CultureInfo.InvariantCulture);
            decimal total = input + decimal.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.True(input <= 1m, row);
            Assert.True(total >= previousTotal, $"not sorted by price at: {row}");
            Assert.Contains("tools structured", row, StringComparison.Ordinal);
            previousTotal = total;
        }
    }

    [Fact]
    public async Task RunAsync_UnknownArgument_PrintsUsageAndReturns2()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(output => ModelExplorerSample.RunAsync(["--bogus"], apiKey: null, output, TestContext.Current.CancellationToken));

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: ModelExplorer", lines[1], StringComparison.Ordinal);
    }
}
