namespace OpenRouter.Extensions.AI;

/// <summary>
/// A cancellation source that fires when a read from the stream has waited <see cref="Timeout"/> for bytes, measured on a
/// <see cref="TimeProvider"/>. The clock runs only while a read is pending, so time the consumer spends between updates never
/// counts as silence.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;

    public IdleWatch(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = time.CreateTimer(static s => ((IdleWatch)s!).Elapse(), this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether the idle time elapsed (as opposed to the caller canceling).</summary>
    public bool HasElapsed => _source.IsCancellationRequested;

    /// <summary>Starts the clock: a read is waiting for bytes.</summary>
    public void Arm()
    {
        if (!_source.IsCancellationRequested)
        {
            _timer.Change(Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the clock: the read returned.</summary>
    public void Disarm()
    {
        if (!_source.IsCancellationRequested)
        {
            _timer.Change(System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }

    private void Elapse()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The timer fired while the stream was being disposed: nothing is reading any more.
        }
    }
}

/// <summary>A read-only stream wrapper that runs an <see cref="IdleWatch"/> while each read waits for bytes.</summary>
internal sealed class IdleWatchStream(Stream inner, IdleWatch watch) : ReadOnlyWrapperStream(inner)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        watch.Arm();
        try
        {
            return await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            watch.Disarm();
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        watch.Arm();
        try
        {
            return Inner.Read(buffer, offset, count);
        }
        finally
        {
            watch.Disarm();
        }
    }
}
