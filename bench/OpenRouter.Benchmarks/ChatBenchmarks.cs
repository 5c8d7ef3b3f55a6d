using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>(a) A non-streaming ~1 KB answer with OpenRouter's usage block.</summary>
[BenchmarkCategory("a: JSON 1 KB answer")]
public class NonStreamingBenchmarks
{
    private readonly List<ChatMessage> _messages = Clients.OneUserMessage();
    private IChatClient _ours = null!;
    private IChatClient _peer = null!;
    private FloorClient _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new InMemoryHandler(Payloads.NonStreaming(), eventStream: false);
        _ours = Clients.Ours(handler, Payloads.TextModel);
        _peer = Clients.Peer(handler, Payloads.TextModel);
        _floor = Clients.Floor(handler);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Floor() => (await _floor.CompleteAsync()).Text.Length;

    [Benchmark]
    public async Task<int> Ours() => (await _ours.GetResponseAsync(_messages)).Text.Length;

    [Benchmark]
    public async Task<int> Peer() => (await _peer.GetResponseAsync(_messages)).Text.Length;
}

/// <summary>(b) A stream of 1,000 content deltas, a processing comment, finish chunk, usage-only chunk and [DONE].</summary>
[BenchmarkCategory("b: SSE 1,000 deltas")]
public class ContentStreamBenchmarks
{
    private readonly List<ChatMessage> _messages = Clients.OneUserMessage();
    private readonly StringBuilder _text = new(16 * 1024);
    private IChatClient _ours = null!;
    private IChatClient _peer = null!;
    private FloorClient _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new InMemoryHandler(Payloads.ContentStream(), eventStream: true);
        _ours = Clients.Ours(handler, Payloads.TextModel);
        _peer = Clients.Peer(handler, Payloads.TextModel);
        _floor = Clients.Floor(handler);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Floor() => (await _floor.StreamAsync()).Text.Length;

    [Benchmark]
    public Task<int> Ours() => Consume.StreamAsync(_ours, _messages, _text.Clear());

    [Benchmark]
    public Task<int> Peer() => Consume.StreamAsync(_peer, _messages, _text.Clear());
}

/// <summary>(c) 50 reasoning deltas, then one tool call whose ~1.4 KB arguments arrive over 200 deltas.</summary>
[BenchmarkCategory("c: SSE reasoning + tool")]
public class ReasoningToolStreamBenchmarks
{
    private readonly List<ChatMessage> _messages = Clients.OneUserMessage();
    private readonly StringBuilder _text = new(16 * 1024);
    private IChatClient _ours = null!;
    private IChatClient _peer = null!;
    private FloorClient _floor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new InMemoryHandler(Payloads.ReasoningToolStream(), eventStream: true);
        _ours = Clients.Ours(handler, Payloads.Model);
        _peer = Clients.Peer(handler, Payloads.Model);
        _floor = Clients.Floor(handler);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Floor() => (await _floor.StreamAsync()).Arguments.Length;

    [Benchmark]
    public Task<int> Ours() => Consume.StreamAsync(_ours, _messages, _text.Clear());

    [Benchmark]
    public Task<int> Peer() => Consume.StreamAsync(_peer, _messages, _text.Clear());
}
