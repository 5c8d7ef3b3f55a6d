using System.Net;
using System.Text;
using System.Threading.Channels;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

/// <summary>An in-memory primary handler that answers from a queue of scripted responses and records every request.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    public const string CompletionJson =
        """{"id":"gen-1","object":"chat.completion","created":1700000000,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hello"}}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""";

    private readonly Queue<Func<HttpResponseMessage>> _responses = new();
    private readonly Channel<DateTimeOffset> _arrivals = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly TimeProvider _time;

    public ScriptedHandler(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public List<string> Bodies { get; } = [];

    public List<HttpRequestMessage> Requests { get; } = [];

    public int Count
    {
        get
        {
            lock (Bodies)
            {
                return Bodies.Count;
            }
        }
    }

    public ScriptedHandler Enqueue(Func<HttpResponseMessage> response)
    {
        _responses.Enqueue(response);
        return this;
    }

    public ScriptedHandler EnqueueJson(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null) => Enqueue(() =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(response);
        return response;
    });

    public ScriptedHandler EnqueueCompletion() => EnqueueJson(HttpStatusCode.OK, CompletionJson);

    public ScriptedHandler EnqueueError(HttpStatusCode status, Action<HttpResponseMessage>? configure = null) =>
        EnqueueJson(status, "{\"error\":{\"code\":" + (int)status + ",\"message\":\"scripted\"}}", configure);

    /// <summary>Waits (bounded) until the <paramref name="count"/>-th request arrived and returns its time.</summary>
    public async Task<DateTimeOffset> WaitForRequestAsync(TimeSpan timeout) =>
        await _arrivals.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    public bool TryGetArrival(out DateTimeOffset time) => _arrivals.Reader.TryRead(out time);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<HttpResponseMessage> next;
        lock (Bodies)
        {
            Bodies.Add(body);
            Requests.Add(request);
            next = _responses.Count > 0 ? _responses.Dequeue() : throw new InvalidOperationException("No scripted response left.");
        }

        _arrivals.Writer.TryWrite(_time.GetUtcNow());
        return next();
    }
}

/// <summary>A response body that yields its chunks, each after an optional signal (<paramref name="beforeChunk"/> gets the chunk's index), then ends or fails.</summary>
internal sealed class ScriptedStream(IEnumerable<string> chunks, Exception? failAtEnd = null, Func<int, Task>? beforeChunk = null) : Stream
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
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
