using System.Net;
using System.Net.Http.Headers;

namespace OpenRouter.Extensions.AI;

/// <summary>Request content over a <see cref="PooledBufferWriter"/>; the pooled buffer is returned when the content is disposed.</summary>
internal sealed class PooledJsonContent : HttpContent
{
    private readonly PooledBufferWriter _buffer;

    public PooledJsonContent(PooledBufferWriter buffer, MediaTypeHeaderValue mediaType)
    {
        _buffer = buffer;
        Headers.ContentType = mediaType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer.WrittenMemory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(_buffer.WrittenMemory.Span);

    protected override bool TryComputeLength(out long length)
    {
        length = _buffer.WrittenMemory.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
