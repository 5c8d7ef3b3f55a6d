using System.Net;
using CsCheck;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability.Fuzz;

/// <summary>
/// Property-based fuzzing of the chat client's response parsing: mutated SSE and JSON fixtures go through
/// <see cref="OpenRouterChatClient"/> over an in-memory transport. Every case completes or throws
/// <see cref="OpenRouterException"/>, within 5 s. Set <c>OPENROUTER_FUZZ_ITERATIONS</c> for a longer run (docs/fuzzing.md).
/// </summary>
public sealed class ChatFuzzTests
{
    private static readonly string[] Names = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Chat")).Order(StringComparer.Ordinal)];
    private static readonly byte[][] Fixtures = [.. Names.Select(File.ReadAllBytes)];
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "Hi")];

    [Fact]
    public async Task GetStreamingResponseAsync_MutatedFixtures_CompletesOrThrowsOpenRouterException()
    {
        Assert.NotEmpty(Fixtures);
        await FuzzProperty.SampleAsync(FuzzMutator.Cases(Fixtures.Length), (c, ct) => StreamAsync(c, ct));
    }

    [Fact]
    public async Task GetResponseAsync_MutatedFixtures_CompletesOrThrowsOpenRouterException()
    {
        await FuzzProperty.SampleAsync(FuzzMutator.Cases(Fixtures.Length), (c, ct) => GetAsync(c, ct));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_UnmutatedFixtures_CompleteOrFailAsDesigned()
    {
        // The harness itself: unmutated fixtures pass the property, and the plain text fixture yields its text.
        for (int i = 0; i < Fixtures.Length; i++)
        {
            var c = new FuzzCase(i, i, [], 0, 200);
            await FuzzProperty.CompletesOrThrowsOpenRouterExceptionAsync(ct => StreamAsync(c, ct));
            await FuzzProperty.CompletesOrThrowsOpenRouterExceptionAsync(ct => GetAsync(c, ct));
        }

        int text = Array.FindIndex(Names, n => n.EndsWith("text.sse", StringComparison.Ordinal));
        ChatResponse response = await RunStreamAsync(Fixtures[text], "text/event-stream", HttpStatusCode.OK, 7, TestContext.Current.CancellationToken);
        Assert.Equal("Paris is the capital of France.", response.Text);
    }

    internal static async Task StreamAsync(FuzzCase c, CancellationToken ct)
    {
        byte[] body = FuzzMutator.Apply(c, Fixtures);
        string mediaType = Names[c.Fixture].EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/event-stream";
        await RunStreamAsync(body, mediaType, (HttpStatusCode)c.Status, c.ChunkSize, ct);
    }

    internal static async Task GetAsync(FuzzCase c, CancellationToken ct)
    {
        byte[] body = FuzzMutator.Apply(c, Fixtures);
        using var handler = new RecordingHandler().RespondBytes(body, "application/json", (HttpStatusCode)c.Status, c.ChunkSize, everyRequest: true);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-fuzz", DefaultModelId = "m/x" }, new HttpClient(handler));
        ChatResponse response = await client.GetResponseAsync(Prompt, cancellationToken: ct);
        Touch(response);
    }

    internal static async Task<ChatResponse> RunStreamAsync(byte[] body, string mediaType, HttpStatusCode status, int chunkSize, CancellationToken ct)
    {
        using var handler = new RecordingHandler().RespondBytes(body, mediaType, status, chunkSize, everyRequest: true);
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-fuzz", DefaultModelId = "m/x" }, new HttpClient(handler));
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Prompt, cancellationToken: ct))
        {
            updates.Add(update);
        }

        ChatResponse response = updates.ToChatResponse();
        Touch(response);
        return response;
    }

    /// <summary>Reads what a caller would read, so lazily computed members run too.</summary>
    private static void Touch(ChatResponse response)
    {
        _ = response.Text;
        _ = response.Usage?.TotalTokenCount;
        foreach (ChatMessage message in response.Messages)
        {
            foreach (AIContent content in message.Contents)
            {
                _ = content switch
                {
                    FunctionCallContent call => call.Arguments?.Count ?? 0,
                    TextReasoningContent reasoning => (reasoning.ProtectedData?.Length ?? 0) + reasoning.Text.Length,
                    _ => 0,
                };
            }
        }
    }
}
