using Rag;

namespace OpenRouter.Samples.Tests;

public sealed class RagTests
{
    [Fact]
    public async Task RunAsync_NoApiKey_RanksTheMatchingDocumentFirstAndAnswersFromTheClosestDocuments()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(output => RagSample.RunAsync(
            apiKey: null, RagSample.DefaultChatModel, RagSample.DefaultEmbeddingModel, RagSample.DefaultQuestion, output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);
        Assert.Equal($"> Question: {RagSample.DefaultQuestion}", lines[1]);
        Assert.Matches(@"^Embedded 5 documents with openai/text-embedding-3-small: 1536 dimensions, \d+ tokens, cost 0\.\d+ USD\.$", lines[2]);

        // The emulator's embeddings hash words, so the article sharing "reset", "router" and "password" with the question wins.
        Assert.Equal("Closest documents:", lines[3]);
        Assert.Matches(@"^  0\.\d{3}  router-password$", lines[4]);
        Assert.Matches(@"^  [-0-9.]+  \S+$", lines[5]);
        float first = float.Parse(lines[4].Trim().Split("  ")[0], System.Globalization.CultureInfo.InvariantCulture);
        float second = float.Parse(lines[5].Trim().Split("  ")[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(first > second);

        // The emulator echoes the prompt: the retrieved documents went to the chat model with their ids.
        Assert.StartsWith("Answer: ", lines[6], StringComparison.Ordinal);
        Assert.Contains("[router-password] To reset the router password", lines[6], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length);
    }
}
