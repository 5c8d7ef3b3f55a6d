namespace OpenRouter.Extensions.AI;

/// <summary>
/// A read-only stream that lets at most <c>limit</c> bytes through and throws <see cref="InvalidDataException"/> when its inner stream has more:
/// decompressing untrusted bytes (a cache entry) through it bounds the memory an entry can make the reader spend.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : ReadOnlyWrapperStream(inner)
{
    private long _read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new InvalidDataException($"The data is larger than the limit of {limit:N0} bytes.") : read;
    }
}
