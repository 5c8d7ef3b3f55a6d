using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;

namespace Quickstart;

/// <summary>Streams an answer, runs one tool-calling round and prints usage and cost.</summary>
public static class QuickstartSample
{
    /// <summary>The model used when <c>OPENROUTER_MODEL</c> is not set.</summary>
    public const string DefaultModel = "openai/gpt-4o-mini";

    /// <summary>Runs the sample.</summary>
    /// <param name="apiKey">The OpenRouter API key; <see langword="null"/> or empty to use the offline emulator.</param>
    /// <param name="model">The model, e.g. <c>openai/gpt-4o-mini</c>.</param>
    /// <param name="output">Where the sample writes.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    /// <param name="interactive">
    /// <see langword="true"/> on a terminal: a live "waiting" line until the first token, and a line telling how the stream
    /// arrived (updates, time to first token). Off when the output is redirected, so the output stays plain.
    /// </param>
    /// <returns>The process exit code, 0.</returns>
    public static async Task<int> RunAsync(string? apiKey, string model, TextWriter output, CancellationToken cancellationToken = default, bool interactive = false)
    {
        // No key: run against the in-process emulator on 127.0.0.1 (no network needed); it prints one line saying so.
        // On a terminal its answers stream word by word, as a model's would.
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken, paced: interactive);
        using var openRouter = new OpenRouterChatClient(endpoint.CreateOptions(model, appTitle: "OpenRouter .NET Quickstart"));

        // 1. Stream an answer token by token.
        output.WriteLine($"> What is the capital of France? ({model})");
        var updates = new List<ChatResponseUpdate>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? firstToken = null;
        await using (var waiting = interactive ? WaitingLine.Start(output, cancellationToken) : null)
        {
            await foreach (ChatResponseUpdate update in openRouter.GetStreamingResponseAsync(
                "What is the capital of France? Answer in one sentence.", cancellationToken: cancellationToken))
            {
                if (update.Text.Length > 0 && firstToken is null)
                {
                    firstToken = clock.Elapsed;
                    if (waiting is not null)
                    {
                        await waiting.StopAsync();
                    }
                }

                // Each piece is written as it arrives: on a real model the sentence grows word by word.
                if (update.Text.Length > 0)
                {
                    output.Write(update.Text);
                    output.Flush();
                }

                updates.Add(update);
            }
        }

        output.WriteLine();
        if (interactive)
        {
            output.WriteLine($"  [stream] {updates.Count} updates in {clock.Elapsed.TotalSeconds:0.00} s, first token after {firstToken?.TotalSeconds ?? 0:0.00} s");
        }
        PrintUsage(updates.ToChatResponse(), output);

        // 2. A tool-calling round: FunctionInvokingChatClient runs the tool the model asks for and sends the result back.
        using IChatClient withTools = openRouter.AsBuilder().UseFunctionInvocation().Build();
        var chatOptions = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };
        output.WriteLine("> What is the weather in Paris?");
        ChatResponse toolAnswer = await withTools.GetStreamingResponseAsync("What is the weather in Paris?", chatOptions, cancellationToken)
            .ToChatResponseAsync(cancellationToken);
        foreach (FunctionCallContent call in toolAnswer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            output.WriteLine($"  [tool call] {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? [])})");
        }

        output.WriteLine(toolAnswer.Text);
        PrintUsage(toolAnswer, output);
        return 0;
    }

    /// <summary>A live "waiting for the first token (1.2 s)" line, rewritten in place until the answer starts, then erased.</summary>
    private sealed class WaitingLine : IAsyncDisposable
    {
        private readonly TextWriter _output;
        private readonly CancellationTokenSource _stop;
        private readonly Task _loop;

        private WaitingLine(TextWriter output, CancellationToken cancellationToken)
        {
            _output = output;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Write(TimeSpan.Zero);
            _loop = RunAsync();
        }

        public static WaitingLine Start(TextWriter output, CancellationToken cancellationToken) => new(output, cancellationToken);

        public async Task StopAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
                await _loop;
                _output.Write("\r" + new string(' ', 60) + "\r");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task RunAsync()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    Write(clock.Elapsed);
                }
            }
            catch (OperationCanceledException)
            {
                // The first token arrived (or the sample was canceled).
            }
        }

        private void Write(TimeSpan elapsed) => _output.Write($"\r  waiting for the first token ({elapsed.TotalSeconds:0.0} s)");
    }

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city, e.g. Paris")] string city) => $"Sunny, 21 °C in {city}";

    private static void PrintUsage(ChatResponse response, TextWriter output)
    {
        // OpenRouter reports the cost of each generation; FunctionInvokingChatClient sums usage (tokens and cost) over
        // the round trip, so after a tool round both are the totals of every generation it made.
        // A streamed response has the provider on its last message (the updates carry a MessageId, so ToChatResponse merges there).
        object? cost = response.GetOpenRouterCost();
        object? provider = (response.Messages.LastOrDefault()?.AdditionalProperties ?? response.AdditionalProperties)?.GetValueOrDefault(OpenRouterResponseProperties.Provider);
        output.WriteLine($"  [usage] input {response.Usage?.InputTokenCount} tokens, output {response.Usage?.OutputTokenCount} tokens, " +
            $"cost {cost ?? "n/a"} USD, model {response.ModelId}, provider {provider ?? "n/a"}");
    }
}
