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
    /// <returns>The process exit code, 0.</returns>
    public static async Task<int> RunAsync(string? apiKey, string model, TextWriter output, CancellationToken cancellationToken = default)
    {
        // No key: run against the in-process emulator on 127.0.0.1 (no network needed); it prints one line saying so.
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);
        using var openRouter = new OpenRouterChatClient(endpoint.CreateOptions(model, appTitle: "OpenRouter .NET Quickstart"));

        // 1. Stream an answer token by token.
        output.WriteLine($"> What is the capital of France? ({model})");
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in openRouter.GetStreamingResponseAsync(
            "What is the capital of France? Answer in one sentence.", cancellationToken: cancellationToken))
        {
            output.Write(update.Text);
            updates.Add(update);
        }

        output.WriteLine();
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
