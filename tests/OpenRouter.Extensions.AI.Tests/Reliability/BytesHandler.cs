using System.Net;
using System.Net.Http.Headers;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// An in-memory transport that answers every request with the same bytes, handed out in reads of at most
/// <c>chunkSize</c> bytes (0: all at once), so the SSE parser sees events split at arbitrary places.
/// It counts the responses it made and the ones whose content was disposed.
/// </summary>
internal sealed class BytesHandler(byte[] body, string mediaType, HttpStatusCode status = HttpStatusCode.OK, int chunkSize = 0) : HttpMessageHandler
{
    private int _created;
    private int _disposed;

    public int ResponsesCreated => Volatile.Read(ref _created);

    public int ResponsesDisposed => Volatile.Read(ref _disposed);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _created);
        var content = new StreamContent(new TricklingStream(body, chunkSize, () => Interlocked.Increment(ref _disposed)));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
    }
}

/// <summary>A read-only stream over a byte array that returns at most <c>chunkSize</c> bytes per read and reports its disposal once.</summary>
internal sealed class TricklingStream(byte[] data, int chunkSize, Action? onDispose = null) : Stream
{
    private int _position;
    private Action? _onDispose = onDispose;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, data.Length - _position);
        if (chunkSize > 0)
        {
            n = Math.Min(n, chunkSize);
        }

        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref _onDispose, null)?.Invoke();
        base.Dispose(disposing);
    }
}
