using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>
/// Streaming memory stays flat: a 100 MB answer (about a million ~100-byte chunks, generated on the fly) passes through the
/// client while the live managed heap stays under a fixed bound, so nothing per chunk is retained and nothing buffers the body.
/// </summary>
[Collection(nameof(Reliability.ProcessWideMeasurementCollection))]
public sealed class StreamingMemoryTests
{
    private const long AnswerBytes = 100L * 1024 * 1024;
    private const long HeapBound = 64L * 1024 * 1024;
    private const int SampleEvery = 50_000;

    [Fact]
    public async Task GetStreamingResponseAsync_100MbAnswer_LiveHeapStaysUnderBound()
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        using var source = new GeneratedSseStream(AnswerBytes);
        handler.RespondStream(source);

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        long updates = 0;
        long textChars = 0;
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        var clock = Stopwatch.StartNew();

        using (client)
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken))
            {
                // Discard the update, keeping only counters.
                updates++;
                foreach (AIContent content in update.Contents)
                {
                    if (content is TextContent text)
                    {
                        textChars += text.Text.Length;
                    }
                    else if (content is UsageContent u)
                    {
                        usage = u.Details;
                    }
                }

                finish ??= update.FinishReason;
                if (updates % SampleEvery == 0)
                {
                    // A full collection measures what is live, not garbage awaiting a gen0 collection.
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }
            }
        }

        clock.Stop();
        Assert.Equal(source.ContentChunks, textChars / GeneratedSseStream.DeltaText.Length);
        Assert.Equal(source.ContentChunks * GeneratedSseStream.DeltaText.Length, textChars);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(source.ContentChunks, usage?.OutputTokenCount);
        Assert.True(source.BytesServed >= AnswerBytes, $"Only {source.BytesServed} bytes were streamed.");
        Assert.True(updates >= SampleEvery * 10, $"Only {updates} updates.");
        // Bound the growth over what was live before (other tests in the process keep their own data alive).
        Assert.True(
            peak - baseline < HeapBound,
            $"Live managed heap reached {peak / (1024 * 1024)} MB (baseline {baseline / (1024 * 1024)} MB) while streaming {AnswerBytes / (1024 * 1024)} MB in {updates} updates ({clock.Elapsed.TotalSeconds:F1} s).");
    }

    /// <summary>
    /// An OpenRouter SSE body generated on the fly: a processing comment, content chunks of ~100 bytes until
    /// <c>size</c> bytes have been produced, then the finish chunk, the usage-only chunk and <c>[DONE]</c>.
    /// </summary>
    private sealed class GeneratedSseStream(long size) : Stream
    {
        public const string DeltaText = "0123456789abcdefghij";

        private static readonly byte[] Chunk = Encoding.UTF8.GetBytes(
            "data: {\"id\":\"gen-1\",\"model\":\"openai/gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + DeltaText + "\"},\"finish_reason\":null}]}\n\n");

        private static readonly byte[] Head = ": OPENROUTER PROCESSING\n\n"u8.ToArray();

        private byte[] _current = Head;
        private int _offset;
        private int _tailStage;

        public long ContentChunks { get; private set; }

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesServed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length)
            {
                if (_offset == _current.Length && !Next())
                {
                    break;
                }

                int n = Math.Min(buffer.Length - written, _current.Length - _offset);
                _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
                _offset += n;
                written += n;
            }

            BytesServed += written;
            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private bool Next()
        {
            _offset = 0;
            if (BytesServed < size)
            {
                _current = Chunk;
                ContentChunks++;
                return true;
            }

            _current = _tailStage++ switch
            {
                0 => Encoding.UTF8.GetBytes("data: {\"id\":\"gen-1\",\"model\":\"openai/gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}\n\n"),
                1 => Encoding.UTF8.GetBytes($"data: {{\"id\":\"gen-1\",\"model\":\"openai/gpt-4o\",\"choices\":[],\"usage\":{{\"prompt_tokens\":1,\"completion_tokens\":{ContentChunks},\"total_tokens\":{ContentChunks + 1},\"cost\":0.5,\"is_byok\":false}}}}\n\n"),
                2 => "data: [DONE]\n\n"u8.ToArray(),
                _ => [],
            };
            return _current.Length > 0;
        }
    }
}
