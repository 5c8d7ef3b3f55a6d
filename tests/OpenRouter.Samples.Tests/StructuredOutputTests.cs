using StructuredOutput;

namespace OpenRouter.Samples.Tests;

public sealed class StructuredOutputTests
{
    [Fact]
    public async Task RunAsync_NoApiKey_FillsEveryFieldOfTheRecordFromTheMessage()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(
            output => StructuredOutputSample.RunAsync(apiKey: null, StructuredOutputSample.DefaultModel, output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);
        Assert.Equal($"> Extract the booking from: {StructuredOutputSample.Message}", lines[1]);

        // The raw answer is JSON with the record's (camelCase) properties, and each printed field came from it.
        Assert.StartsWith("  raw JSON: {\"name\":", lines[2], StringComparison.Ordinal);
        Assert.Equal("  Name:   Ada Lovelace", lines[3]);
        Assert.Equal("  City:   Vienna", lines[4]);
        Assert.Equal("  Guests: 4", lines[5]);
        Assert.Equal("  Date:   2025-06-14 (Saturday)", lines[6]);
        Assert.Matches(@"^  Notes:  \S", lines[7]);
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public void TableBooking_HasTheFieldsThePromptAsksFor()
    {
        // The schema sent to OpenRouter is derived from this record: keep it in step with the printed fields.
        string[] names = [.. typeof(TableBooking).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["City", "Date", "Guests", "Name", "Notes"], names);
    }
}
