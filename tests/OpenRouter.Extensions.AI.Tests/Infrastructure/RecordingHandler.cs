using System.Net;
using System.Text;
using System.Threading.Channels;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>
/// The one fake HTTP handler of the in-memory tests: it records every request (as the emulator does, into
/// <see cref="RecordedRequest"/>, stamped by its clock) and answers with queued responses (or an answer chosen for every
/// request, or by forwarding to a real inner handler), signals each arrival, can hold the answers until the test releases
/// them, and counts the responses it
/// made and, for tracked ones (<see cref="RespondBytes"/> and <see cref="CreateLoopbackClient"/>), their disposal.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    public const string ApiKey = "sk-or-v1-test-secret-0123456789";

    /// <summary>A complete non-streaming chat completion whose text is <c>Hello</c>.</summary>
    public const string CompletionJson =
        """{"id":"gen-1","object":"chat.completion","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hello"}}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""";

    private readonly Queue<Func<HttpResponseMessage>> _responses = new();
    private readonly Channel<DateTimeOffset> _arrivals = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly TimeProvider _time;
    private readonly HttpMessageInvoker? _inner;
    private Func<RecordedRequest, HttpResponseMessage>? _everyRequest;
    private Task? _hold;
    private long _sequence;
    private int _created;
    private int _disposed;

    /// <summary>Initializes a handler that answers from its queue.</summary>
    /// <param name="time">The clock that stamps arrivals (<see cref="WaitForRequestAsync"/>); the system clock when <see langword="null"/>.</param>
    public RecordingHandler(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    private RecordingHandler(HttpMessageHandler inner)
        : this()
    {
        _inner = new HttpMessageInvoker(inner);
    }

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Gets the number of requests received so far (safe to read while requests arrive).</summary>
    public int Count
    {
        get
        {
            lock (Requests)
            {
                return Requests.Count;
            }
        }
    }

    /// <summary>Gets the number of responses handed out.</summary>
    public int ResponsesCreated => Volatile.Read(ref _created);

    /// <summary>Gets the number of tracked responses whose content was disposed.</summary>
    public int ResponsesDisposed => Volatile.Read(ref _disposed);

    /// <summary>Gets the number of tracked responses not disposed yet: a response the client leaks stays here.</summary>
    public int Outstanding => ResponsesCreated - ResponsesDisposed;

    /// <summary>The raw Authorization header values, to assert the key was sent even though snapshots redact it.</summary>
    public List<string?> RawAuthorization { get; } = [];

    /// <summary>Gets the HTTP version and version policy of each request, in order.</summary>
    public List<(Version Version, HttpVersionPolicy Policy)> Versions { get; } = [];

    public RecordedRequest Last => Requests[^1];

    public RecordingHandler Respond(HttpStatusCode status, string body, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public RecordingHandler RespondJson(string body) => Respond(HttpStatusCode.OK, body);

    public RecordingHandler RespondSse(string body) => Respond(HttpStatusCode.OK, body, "text/event-stream");

    /// <summary>Answers with a body read from <paramref name="stream"/> as it is consumed (for generated, very large bodies).</summary>
    public RecordingHandler RespondStream(Stream stream, string mediaType = "text/event-stream")
    {
        _responses.Enqueue(() =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        return this;
    }

    /// <summary>Queues a response built when the request arrives; a throwing <paramref name="response"/> makes the send fail.</summary>
    public RecordingHandler Respond(Func<HttpResponseMessage> response)
    {
        _responses.Enqueue(response);
        return this;
    }

    /// <summary>Queues an OpenRouter error object with <paramref name="status"/>.</summary>
    public RecordingHandler RespondError(HttpStatusCode status, Action<HttpResponseMessage>? configure = null) =>
        Respond(status, "{\"error\":{\"code\":" + (int)status + ",\"message\":\"scripted\"}}", configure: configure);

    /// <summary>Queues a failure of the send itself, as a broken connection or a refusing handler produces.</summary>
    public RecordingHandler Throw(Exception exception) => Respond(() => throw exception);

    /// <summary>Queues a body of SSE <paramref name="chunks"/>, each read after <paramref name="beforeChunk"/> (given its index) completes, then the end or <paramref name="failAtEnd"/>.</summary>
    public RecordingHandler RespondChunks(IEnumerable<string> chunks, Exception? failAtEnd = null, Func<int, Task>? beforeChunk = null) =>
        RespondStream(new ChunkedStream(chunks, failAtEnd, beforeChunk));

    /// <summary>
    /// Answers with <paramref name="body"/> in reads of at most <paramref name="chunkSize"/> bytes (0: all at once), so a parser
    /// sees events split at arbitrary places; once, or for every request when <paramref name="everyRequest"/> is set. The
    /// disposal of these responses is tracked.
    /// </summary>
    public RecordingHandler RespondBytes(byte[] body, string mediaType, HttpStatusCode status = HttpStatusCode.OK, int chunkSize = 0, bool everyRequest = false)
    {
        HttpResponseMessage Create()
        {
            var content = new StreamContent(new TricklingStream(body, chunkSize, () => Interlocked.Increment(ref _disposed)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(status) { Content = content };
        }

        if (everyRequest)
        {
            return SetEveryRequest(_ => Create());
        }

        return Respond(Create);
    }

    /// <summary>
    /// Answers every request the queue does not answer with the status and JSON body <paramref name="answer"/> chooses for it
    /// (replacing an earlier such answer, also for requests already held by <see cref="HoldResponsesUntil"/>).
    /// </summary>
    public RecordingHandler RespondToEvery(Func<RecordedRequest, (HttpStatusCode Status, string Body)> answer) =>
        SetEveryRequest(request =>
        {
            (HttpStatusCode status, string body) = answer(request);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        });

    /// <summary>Makes every request from now on wait, once recorded and signalled, until <paramref name="release"/> completes.</summary>
    public RecordingHandler HoldResponsesUntil(Task release)
    {
        Volatile.Write(ref _hold, release);
        return this;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> over a real socket handler allowing one connection per server (so a leaked response blocks
    /// the next request), with a recording handler that forwards every request and tracks the disposal of every response.
    /// </summary>
    public static (HttpClient Client, RecordingHandler Handler) CreateLoopbackClient()
    {
        var handler = new RecordingHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return (new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, handler);
    }

    /// <summary>Waits (bounded) for the next request not waited for yet and returns its arrival time.</summary>
    public async Task<DateTimeOffset> WaitForRequestAsync(TimeSpan timeout) =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    private RecordingHandler SetEveryRequest(Func<RecordedRequest, HttpResponseMessage> respond)
    {
        lock (Requests)
        {
            _everyRequest = respond;
        }

        return this;
    }

    public RecordingHandler RespondWithFixture(string name, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(status, Fixture(name));

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Api", name));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RecordedRequest recorded = await RecordedRequest.FromHttpRequestMessageAsync(
            request, Interlocked.Increment(ref _sequence), _time.GetUtcNow(), cancellationToken);
        Func<HttpResponseMessage>? next;
        lock (Requests)
        {
            RawAuthorization.Add(request.Headers.Authorization?.ToString());
            Versions.Add((request.Version, request.VersionPolicy));
            Requests.Add(recorded);
            next = _responses.Count > 0 ? _responses.Dequeue() : null;
        }

        _arrivals.Writer.TryWrite(recorded.Timestamp);
        if (Volatile.Read(ref _hold) is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        // Chosen only now, so that an answer replaced while the request was held applies to it.
        Func<RecordedRequest, HttpResponseMessage>? every;
        lock (Requests)
        {
            every = _everyRequest;
        }

        HttpResponseMessage response;
        if (_inner is not null)
        {
            response = await _inner.SendAsync(request, cancellationToken);
            response.Content = new TrackedContent(response.Content, () => Interlocked.Increment(ref _disposed));
        }
        else
        {
            response = next?.Invoke() ?? every?.Invoke(recorded) ?? throw new InvalidOperationException($"No response queued for {request.Method} {request.RequestUri}.");
            response.RequestMessage = request;
        }

        Interlocked.Increment(ref _created);
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A response body that yields its chunks, each after an optional signal, then ends or fails.</summary>
    private sealed class ChunkedStream(IEnumerable<string> chunks, Exception? failAtEnd, Func<int, Task>? beforeChunk) : Stream
    {
        private readonly IEnumerator<string> _chunks = chunks.GetEnumerator();
        private ReadOnlyMemory<byte> _pending;
        private int _index;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending.IsEmpty)
            {
                if (!_chunks.MoveNext())
                {
                    return failAtEnd is null ? 0 : throw failAtEnd;
                }

                if (beforeChunk is not null)
                {
                    await beforeChunk(_index).WaitAsync(cancellationToken);
                }

                _index++;
                _pending = Encoding.UTF8.GetBytes(_chunks.Current);
            }

            int n = Math.Min(buffer.Length, _pending.Length);
            _pending[..n].CopyTo(buffer);
            _pending = _pending[n..];
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A read-only stream over a byte array that returns at most <c>chunkSize</c> bytes per read and reports its disposal once.</summary>
    private sealed class TricklingStream(byte[] data, int chunkSize, Action onDispose) : Stream
    {
        private int _position;
        private Action? _onDispose = onDispose;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, data.Length - _position);
            if (chunkSize > 0)
            {
                n = Math.Min(n, chunkSize);
            }

            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Interlocked.Exchange(ref _onDispose, null)?.Invoke();
            base.Dispose(disposing);
        }
    }

    /// <summary>Wraps a real response's content so that its disposal is counted.</summary>
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
