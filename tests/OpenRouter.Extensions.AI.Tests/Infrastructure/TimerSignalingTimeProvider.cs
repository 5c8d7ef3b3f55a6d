using Microsoft.Extensions.Time.Testing;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>A <see cref="FakeTimeProvider"/> that signals each timer it creates, so a test advances the clock only once the code under test waits on it.</summary>
public sealed class TimerSignalingTimeProvider : FakeTimeProvider
{
    public SemaphoreSlim TimerCreated { get; } = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        TimerCreated.Release();
        return timer;
    }
}
