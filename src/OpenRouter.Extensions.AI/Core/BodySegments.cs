using System.Buffers;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The rest of a body of unknown length (no Content-Length) once it has outgrown its first buffer: pooled segments of a fixed size,
/// joined once, at the end, into one array of exactly the body's size. A doubling buffer allocated 2–4x such a body (each step copies
/// into a new array twice as large); this costs the body's size once plus the segments (ImageAnswerMemoryTests; bench/README.md, scenario g).
/// </summary>
internal sealed class BodySegments : IDisposable
{
    private const int SegmentSize = 4 * 1024 * 1024;

    private readonly List<byte[]> _full = [];
    private byte[]? _current;
    private int _currentWritten;

    /// <summary>Gets the bytes written to the segments.</summary>
    public long Length { get; private set; }

    /// <summary>Gets free space in the current segment, starting a new one when it is full.</summary>
    public Memory<byte> GetMemory()
    {
        if (_current is null || _currentWritten == _current.Length)
        {
            if (_current is not null)
            {
                _full.Add(_current);
            }

            _current = ArrayPool<byte>.Shared.Rent(SegmentSize);
            _currentWritten = 0;
        }

        return _current.AsMemory(_currentWritten);
    }

    public void Advance(int count)
    {
        _currentWritten += count;
        Length += count;
    }

    /// <summary>Appends the segments to <paramref name="buffer"/>, which first grows to exactly the whole body (plus one byte).</summary>
    public void MoveTo(PooledBufferWriter buffer)
    {
        buffer.GrowExactly(checked(buffer.WrittenSpan.Length + (int)Length + 1));
        foreach (byte[] segment in _full)
        {
            Append(buffer, segment);
        }

        if (_current is not null)
        {
            Append(buffer, _current.AsSpan(0, _currentWritten));
        }
    }

    public void Dispose()
    {
        foreach (byte[] segment in _full)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        if (_current is not null)
        {
            ArrayPool<byte>.Shared.Return(_current);
        }

        _full.Clear();
        _current = null;
    }

    private static void Append(PooledBufferWriter buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }
}
