using Microsoft.Extensions.AI;
using OpenRouter.Testing;
using Snapshooter.Xunit3;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>Web search end to end against the emulator: <see cref="HostedWebSearchTool"/> out, <see cref="CitationAnnotation"/>s back.</summary>
public sealed class LoopbackWebSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_HostedWebSearchTool_ReturnsCitationsOnTheText()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using IChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        ChatResponse response = await client.GetResponseAsync("Latest .NET release?", new ChatOptions { Tools = [new HostedWebSearchTool()] }, Ct);

        Assert.Contains("\"openrouter:web_search\"", emulator.Requests.Single().Body, StringComparison.Ordinal);
        TextContent text = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<TextContent>());
        Assert.Equal(2, text.Annotations?.Count);
        foreach (CitationAnnotation citation in text.Annotations!.Cast<CitationAnnotation>())
        {
            // Each region covers the "[n]" marker the citation belongs to.
            TextSpanAnnotatedRegion region = Assert.IsType<TextSpanAnnotatedRegion>(Assert.Single(citation.AnnotatedRegions!));
            Assert.Matches(@"^\[\d\]$", text.Text[region.StartIndex!.Value..region.EndIndex!.Value]);
        }

        Snapshot.Match(Project(response));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_HostedWebSearchTool_ReturnsTheSameCitationsAsJson()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using IChatClient client = LoopbackToolLoopTests.CreateClient(emulator);
        var options = new ChatOptions { Tools = [new HostedWebSearchTool()] };

        ChatResponse json = await client.GetResponseAsync("Latest .NET release?", options, Ct);
        ChatResponse streamed = await client.GetStreamingResponseAsync("Latest .NET release?", options, Ct).ToChatResponseAsync(Ct);

        Assert.Equal(json.Text, streamed.Text);
        Assert.Equal(Project(json), Project(streamed));
    }

    /// <summary>What a user reads of each citation, in order, wherever the text content carrying it is.</summary>
    private static List<string> Project(ChatResponse response) =>
        [.. response.Messages.SelectMany(m => m.Contents).OfType<TextContent>()
            .SelectMany(t => t.Annotations ?? [])
            .OfType<CitationAnnotation>()
            .Select(c =>
            {
                var region = c.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().SingleOrDefault();
                return $"{c.Url} | {c.Title} | {c.Snippet} | {region?.StartIndex}-{region?.EndIndex}";
            })];
}
