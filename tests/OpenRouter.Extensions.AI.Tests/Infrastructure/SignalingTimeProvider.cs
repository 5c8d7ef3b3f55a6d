using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that signals every time a timer is armed (created or changed with a finite due time), so a
/// test advances the clock exactly when the code under test waits on it, instead of sleeping and hoping it got there.
/// </summary>
public sealed class SignalingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>Waits (bounded) for the next timer to be armed and returns its due time.</summary>
    public async Task<TimeSpan> WaitForArmedAsync(TimeSpan timeout) =>
        await _armed.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>Waits (bounded) for a timer armed with exactly <paramref name="dueTime"/>, skipping the others.</summary>
    public async Task WaitForArmedAsync(TimeSpan dueTime, TimeSpan timeout)
    {
        while (await WaitForArmedAsync(timeout) != dueTime)
        {
        }
    }

    /// <summary>Forgets the timers armed so far: the next wait sees only later ones.</summary>
    public void ForgetArmed()
    {
        while (_armed.Reader.TryRead(out _))
        {
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SignalingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        timer.Signal(dueTime);
        return timer;
    }

    private sealed class SignalingTimer(ITimer inner, SignalingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            Signal(dueTime);
            return changed;
        }

        public void Signal(TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner._armed.Writer.TryWrite(dueTime);
            }
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
