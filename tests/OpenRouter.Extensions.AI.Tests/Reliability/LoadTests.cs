using System.Text;
using Microsoft.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// 500 concurrent streaming requests against the loopback emulator through one client: every request gets its own
/// answer, the thread pool keeps up, and memory returns to where it was. Bounded in count; no speed assertion.
/// </summary>
[Collection(nameof(ProcessWideMeasurementCollection))]
public sealed class LoadTests
{
    private const int Requests = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetStreamingResponseAsync_500Concurrent_EachGetsItsOwnAnswerWithBoundedThreadsAndMemory()
    {
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        string[] answers;
        int maxPending = 0;
        int maxThreads = 0;

        await using (OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct))
        {
            // Each answer is built from the request's own prompt, streamed in several events.
            emulator.Handler = request =>
            {
                string prompt = request.BodyAsJsonNode()!["messages"]![0]!["content"]!.GetValue<string>();
                return EmulatorResponse.StreamedText("answer", " to ", prompt, " .");
            };

            using var client = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-load", DefaultModelId = "openai/gpt-4o-mini" });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            Task sampler = Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        maxPending = Math.Max(maxPending, (int)Math.Min(int.MaxValue, ThreadPool.PendingWorkItemCount));
                        maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                        await Task.Delay(20, CancellationToken.None); // the sampling period of this measurement, not a wait for the code under test
                    }
                },
                CancellationToken.None);

            Task<string>[] calls = [.. Enumerable.Range(0, Requests).Select(i => Task.Run(() => StreamAsync(client, $"prompt-{i:D3}"), Ct))];

            // A hang guard, not a speed assertion: on a loaded 2-core machine this takes a few seconds.
            answers = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(3), Ct);
            await stop.CancelAsync();
            await sampler;
            Assert.Equal(Requests, emulator.Requests.Count);
        }

        for (int i = 0; i < Requests; i++)
        {
            Assert.Equal($"answer to prompt-{i:D3} .", answers[i]);
        }

        // No starvation: the queue drained and the pool did not have to grow without bound.
        Assert.True(maxPending < 20 * Requests, $"thread pool queue peaked at {maxPending} work items");
        Assert.True(maxThreads < 256, $"thread pool grew to {maxThreads} threads");

        answers = [];
        long memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(memoryAfter - memoryBefore < 64L * 1024 * 1024, $"managed heap grew by {(memoryAfter - memoryBefore) / 1024 / 1024} MB");
    }

    private static async Task<string> StreamAsync(IChatClient client, string prompt)
    {
        var text = new StringBuilder();
        int updates = 0;
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(prompt, cancellationToken: Ct))
        {
            text.Append(update.Text);
            updates++;
        }

        Assert.True(updates >= 4, $"{prompt}: {updates} updates");
        return text.ToString();
    }
}
