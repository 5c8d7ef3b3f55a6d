using System.Net;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Wraps a response's content so that reading it fails only with <see cref="IOException"/> (or
/// <see cref="OperationCanceledException"/>): a caller's <see cref="HttpClient"/> that decompresses throws
/// <see cref="InvalidDataException"/> or <see cref="InvalidOperationException"/> for a corrupt gzip or brotli body,
/// and a custom handler's content can throw anything. <see cref="Failures.Transport"/> maps the result.
/// </summary>
internal sealed class GuardedContent : HttpContent
{
    private readonly HttpContent _inner;

    public GuardedContent(HttpContent inner)
    {
        _inner = inner;
        foreach (KeyValuePair<string, IEnumerable<string>> header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new GuardedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (UnreadableBodyException.IsUnexpected(ex))
        {
            throw new UnreadableBodyException(ex);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Stream source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read-only stream that turns any unexpected exception of its inner stream into <see cref="UnreadableBodyException"/>.</summary>
    private sealed class GuardedStream(Stream inner) : ReadOnlyWrapperStream(inner)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (UnreadableBodyException.IsUnexpected(ex))
            {
                throw new UnreadableBodyException(ex);
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Inner.Read(buffer, offset, count);
            }
            catch (Exception ex) when (UnreadableBodyException.IsUnexpected(ex))
            {
                throw new UnreadableBodyException(ex);
            }
        }
    }
}

/// <summary>A response body that could not be read for a reason other than the connection: corrupt compression, a failing content stream.</summary>
internal sealed class UnreadableBodyException : IOException
{
    public UnreadableBodyException(Exception inner)
        : base($"The response body could not be read ({inner.GetType().Name}: {inner.Message}).", inner)
    {
    }

    /// <summary>Whether <paramref name="ex"/> is something other than the I/O failures and cancellations a body read is expected to throw.</summary>
    public static bool IsUnexpected(Exception ex) => ex is not (IOException or OperationCanceledException or HttpRequestException);
}
