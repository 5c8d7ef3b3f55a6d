namespace OpenRouter.Extensions.AI;

/// <summary>
/// Whether a cache is failing, so that an outage is logged once when it starts and once when it ends, not once per operation.
/// </summary>
internal sealed class CacheOutage
{
    /// <summary>1 while the cache is failing (the start was reported), 0 otherwise.</summary>
    private int _failing;

    /// <summary>Records a failed operation.</summary>
    /// <returns><see langword="true"/> when this failure starts an outage (log it); <see langword="false"/> during one.</returns>
    public bool Failed() => Interlocked.Exchange(ref _failing, 1) == 0;

    /// <summary>Records a successful operation.</summary>
    /// <returns><see langword="true"/> when this success ends an outage (log it); <see langword="false"/> otherwise.</returns>
    public bool Succeeded() => Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1;
}
