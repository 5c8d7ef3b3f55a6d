namespace OpenRouter.Extensions.AI;

/// <summary>
/// The open body of an answer that is not JSON (audio, say), from <see cref="OpenRouterTransport.OpenReadAsync"/>: reads are
/// bounded by the caller's buffers, every read failure takes the boundary's error path, and disposing releases the response
/// and its connection.
/// </summary>
internal sealed class OpenRouterResponseBody : ReadOnlyWrapperStream
{
    private readonly HttpResponseMessage _response;
    private readonly HttpRequestMessage _request;
    private readonly SecretRedactor _redactor;

    public OpenRouterResponseBody(Stream inner, HttpResponseMessage response, HttpRequestMessage request, SecretRedactor redactor)
        : base(inner)
    {
        _response = response;
        _request = request;
        _redactor = redactor;
    }

    /// <summary>Gets the media type the server declared (<c>Content-Type</c>), or <see langword="null"/>.</summary>
    public string? MediaType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Gets the declared length (<c>Content-Length</c>), or <see langword="null"/>.</summary>
    public long? DeclaredLength => _response.Content.Headers.ContentLength;

    /// <summary>Gets the response, for its headers.</summary>
    public HttpResponseMessage Response => _response;

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failures.Map(ex, _redactor, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return Inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (Failures.Map(ex, _redactor, CancellationToken.None) is { } failure)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _response.Dispose();
            _request.Dispose();
        }

        base.Dispose(disposing);
    }
}
