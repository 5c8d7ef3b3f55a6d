namespace OpenRouter.Extensions.AI;

/// <summary>A cancellation source that fires when a stream has received no bytes for <see cref="Timeout"/>.</summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly CancellationTokenSource _source;

    public IdleWatch(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _source.CancelAfter(timeout);
    }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether the idle time elapsed (as opposed to the caller canceling).</summary>
    public bool HasElapsed => _source.IsCancellationRequested;

    /// <summary>Restarts the idle clock: bytes arrived.</summary>
    public void Reset()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(Timeout);
        }
    }

    public void Dispose() => _source.Dispose();
}

/// <summary>A read-only stream wrapper that restarts an <see cref="IdleWatch"/> whenever bytes arrive.</summary>
internal sealed class IdleWatchStream(Stream inner, IdleWatch watch) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            watch.Reset();
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = inner.Read(buffer, offset, count);
        if (read > 0)
        {
            watch.Reset();
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
