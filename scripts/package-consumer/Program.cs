// The consumer app of scripts/package-smoke.sh: a new user's console app that restores the packed packages (with the
// Microsoft.Extensions.AI version the script pins) and runs chat, streaming, reasoning, a tool loop, dependency injection,
// embeddings, image generation, Semantic Kernel and an Agent Framework agent against the emulator. Prints "CONSUMER OK" and exits 0 when every step gave what it should.
#pragma warning disable MEAI001 // MEAI's image generation abstractions are experimental.
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenRouter.Extensions.AI;
using OpenRouter.Testing;

await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(new OpenRouterEmulatorOptions { TokenDelay = TimeSpan.Zero });
var options = new OpenRouterClientOptions
{
    Endpoint = emulator.Endpoint,
    DefaultModelId = "openai/gpt-4o-mini",
    DefaultEmbeddingModelId = "openai/text-embedding-3-small",
    DefaultImageModelId = "google/gemini-2.5-flash-image",
};
var failures = new List<string>();
void Check(bool ok, string step)
{
    Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {step}");
    if (!ok)
    {
        failures.Add(step);
    }
}

using var chat = new OpenRouterChatClient(options);
ChatResponse answer = await chat.GetResponseAsync("Hello!");
Check(answer.Text.Length > 0 && answer.GetOpenRouterCost() > 0, "chat: text and cost");

var streamed = new List<ChatResponseUpdate>();
await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Tell me a story."))
{
    streamed.Add(update);
}

Check(streamed.Count > 2 && streamed.ToChatResponse().Text.Length > 0, "streaming: updates folded into a response");

ChatResponse reasoned = await chat.GetResponseAsync("Plan a day in Rome.", new ChatOptions { ModelId = "anthropic/claude-sonnet-4.5", Reasoning = new() { Effort = ReasoningEffort.High } });
Check(reasoned.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Any(), "reasoning: ChatOptions.Reasoning in, TextReasoningContent out");

using IChatClient tools = chat.AsBuilder().UseFunctionInvocation().Build();
ChatResponse toolAnswer = await tools.GetResponseAsync("What is the weather in Paris?", new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] });
Check(toolAnswer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any(c => c.Name == "get_weather") && toolAnswer.Text.Contains("Sunny", StringComparison.Ordinal), "tool loop: UseFunctionInvocation called the tool and answered from it");

var services = new ServiceCollection();
services.AddOpenRouterChatClient(o =>
{
    o.Endpoint = emulator.Endpoint;
    o.DefaultModelId = "openai/gpt-4o-mini";
}).UseFunctionInvocation();
services.AddOpenRouterEmbeddingGenerator(o =>
{
    o.Endpoint = emulator.Endpoint;
    o.DefaultEmbeddingModelId = "openai/text-embedding-3-small";
});
await using (ServiceProvider provider = services.BuildServiceProvider())
{
    ChatResponse fromDi = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hello from DI!");
    Embedding<float> fromDiVector = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync("hello");
    Check(fromDi.Text.Length > 0 && fromDiVector.Vector.Length > 0, "dependency injection: IChatClient and IEmbeddingGenerator without a key");
}

using var embedder = new OpenRouterEmbeddingGenerator(options);
GeneratedEmbeddings<Embedding<float>> embeddings = await embedder.GenerateAsync(["first document", "second document"], new EmbeddingGenerationOptions { Dimensions = 256 });
Check(embeddings.Count == 2 && embeddings.All(e => e.Vector.Length == 256) && embeddings.Usage.GetOpenRouterCost() > 0, "embeddings: two vectors of 256 with cost");

using var painter = new OpenRouterImageGenerator(options);
ImageGenerationResponse images = await painter.GenerateImagesAsync("A lighthouse at dusk");
Check(images.Contents.OfType<DataContent>().Any(d => d.MediaType == "image/png" && d.Data.Length > 0), "images: a PNG");

Check((await FrameworkSteps.KernelAsync(emulator.Endpoint)).Length > 0, "Semantic Kernel: AddOpenRouterChatCompletion without a key");
Check((await FrameworkSteps.AgentAsync(emulator.Endpoint)).Length > 0, "Agent Framework: AsAIAgent over OpenRouterChatClient");

string meai = typeof(IChatClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
Console.WriteLine($"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, Microsoft.Extensions.AI {meai}: {(failures.Count == 0 ? "CONSUMER OK" : "CONSUMER FAILED: " + string.Join("; ", failures))}");
return failures.Count == 0 ? 0 : 1;

[Description("Gets the current weather for a city.")]
static string GetWeather([Description("The city")] string city) => $"Sunny, 21 °C in {city}";
