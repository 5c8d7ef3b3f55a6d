// Quickstart: stream a chat answer, run one tool-calling round, print usage and cost.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");
string model = Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? "openai/gpt-4o-mini";

// No key: run against the in-process emulator on 127.0.0.1 (no network needed).
await using OpenRouterEmulator? emulator = string.IsNullOrEmpty(apiKey) ? await OpenRouterEmulator.StartAsync() : null;
var options = new OpenRouterClientOptions
{
    ApiKey = apiKey ?? "offline",
    DefaultModelId = model,
    AppTitle = "OpenRouter .NET Quickstart",
};
if (emulator is not null)
{
    options.Endpoint = emulator.Endpoint;
    Console.WriteLine($"OPENROUTER_API_KEY is not set: using the offline OpenRouter emulator at {emulator.Endpoint} (canned answers, not a real model).");
}

using var openRouter = new OpenRouterChatClient(options);

// 1. Stream an answer token by token.
Console.WriteLine($"> What is the capital of France? ({model})");
var updates = new List<ChatResponseUpdate>();
await foreach (ChatResponseUpdate update in openRouter.GetStreamingResponseAsync("What is the capital of France? Answer in one sentence."))
{
    Console.Write(update.Text);
    updates.Add(update);
}

Console.WriteLine();
PrintUsage(updates.ToChatResponse());

// 2. A tool-calling round: FunctionInvokingChatClient runs the tool the model asks for and sends the result back.
using IChatClient withTools = openRouter.AsBuilder().UseFunctionInvocation().Build();
var chatOptions = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };
Console.WriteLine("> What is the weather in Paris?");
ChatResponse toolAnswer = await withTools.GetStreamingResponseAsync("What is the weather in Paris?", chatOptions).ToChatResponseAsync();
foreach (FunctionCallContent call in toolAnswer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
{
    Console.WriteLine($"  [tool call] {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? [])})");
}

Console.WriteLine(toolAnswer.Text);
PrintUsage(toolAnswer);
return 0;

[Description("Gets the current weather for a city.")]
static string GetWeather([Description("The city, e.g. Paris")] string city) => $"Sunny, 21 °C in {city}";

static void PrintUsage(ChatResponse response)
{
    // OpenRouter reports the cost of each generation; FunctionInvokingChatClient sums usage over the round trip,
    // and the cost shown is the last generation's.
    object? cost = response.AdditionalProperties?.GetValueOrDefault(OpenRouterResponseProperties.Cost);
    object? provider = response.AdditionalProperties?.GetValueOrDefault(OpenRouterResponseProperties.Provider);
    Console.WriteLine($"  [usage] input {response.Usage?.InputTokenCount} tokens, output {response.Usage?.OutputTokenCount} tokens, " +
        $"cost {cost ?? "n/a"} USD, model {response.ModelId}, provider {provider ?? "n/a"}");
}
