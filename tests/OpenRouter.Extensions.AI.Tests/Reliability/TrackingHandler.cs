using System.Net;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// A <see cref="DelegatingHandler"/> that wraps every response's content so its disposal is recorded: a response the
/// client leaks (never disposes) shows up as <see cref="Outstanding"/> &gt; 0.
/// </summary>
internal sealed class TrackingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _created;
    private int _disposed;

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    public int Outstanding => Created - Disposed;

    /// <summary>An <see cref="HttpClient"/> over a real socket handler allowing one connection per server, so a leaked response blocks the next request.</summary>
    public static (HttpClient Client, TrackingHandler Handler) CreateClient()
    {
        var handler = new TrackingHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return (new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, handler);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref _created);
        response.Content = new TrackedContent(response.Content, () => Interlocked.Increment(ref _disposed));
        return response;
    }

    private sealed class TrackedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private Action? _onDispose;

        public TrackedContent(HttpContent inner, Action onDispose)
        {
            _inner = inner;
            _onDispose = onDispose;
            foreach (KeyValuePair<string, IEnumerable<string>> header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, cancellationToken);

        protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _onDispose, null) is { } onDispose)
            {
                _inner.Dispose();
                onDispose();
            }

            base.Dispose(disposing);
        }
    }
}
