using System.Net;
using System.Net.Http.Headers;

namespace OpenRouter.Benchmarks;

/// <summary>
/// An in-memory transport: reads the whole request body (so request serialization is really done) and answers with
/// canned bytes, without sockets, so a benchmark measures client work only. The response content wraps the canned array
/// without copying; <c>text/event-stream</c> when <see cref="EventStream"/>, else <c>application/json</c>.
/// </summary>
internal sealed class InMemoryHandler(byte[] response, bool eventStream) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue Sse = new("text/event-stream") { CharSet = "utf-8" };

    public bool EventStream => eventStream;

    /// <summary>Gets the length of the last request body, for checks.</summary>
    public long LastRequestLength { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // Drain the body the way a socket would: let the content serialize itself into a stream.
            var sink = new CountingStream();
            await request.Content.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
            LastRequestLength = sink.Length;
        }

        var content = new ByteArrayContent(response);
        content.Headers.ContentType = eventStream ? Sse : Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <summary>A write-only stream that only counts bytes (the "network").</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }
    }
}
