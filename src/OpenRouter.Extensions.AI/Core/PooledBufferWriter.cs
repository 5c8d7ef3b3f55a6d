using System.Buffers;

namespace OpenRouter.Extensions.AI;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>; dispose to return them.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Whether <see cref="_buffer"/> came from the pool (and goes back to it); not after <see cref="GrowExactly"/>.</summary>
    private bool _pooled = true;

    public PooledBufferWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>
    /// Moves what was written into an array of exactly <paramref name="capacity"/> bytes, not from the pool: the pool rounds a size up to the
    /// next power of two, so a 67 MB body took a 128 MB array (ImageAnswerMemoryTests; bench/README.md, scenario g). For a size known in advance.
    /// </summary>
    public void GrowExactly(int capacity)
    {
        if (capacity <= _buffer.Length)
        {
            return;
        }

        byte[] exact = GC.AllocateUninitializedArray<byte>(capacity);
        _buffer.AsSpan(0, _written).CopyTo(exact);
        Release();
        _buffer = exact;
        _pooled = false;
    }

    public void Dispose()
    {
        Release();
        _buffer = [];
        _written = 0;
    }

    private void Release()
    {
        if (_pooled && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        Release();
        _buffer = bigger;
        _pooled = true;
    }
}
