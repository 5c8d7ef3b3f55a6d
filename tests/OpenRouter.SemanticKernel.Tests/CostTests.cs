using System.ComponentModel;
using System.Text;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;
using OpenRouter.SemanticKernel.Tests.Infrastructure;

namespace OpenRouter.SemanticKernel.Tests;

/// <summary>The cost of a two-round tool loop (0.0012 + 0.0034 US dollars) through Semantic Kernel and Agent Framework.</summary>
public sealed class CostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InvokePromptAsync_AutoFunctionChoice_UsageMetadataCarriesSummedCost()
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueCostedToolLoop();
        Kernel kernel = CreateKernel(server);

        FunctionResult result = await kernel.InvokePromptAsync(
            "What is the weather in Paris?",
            new(new OpenRouterPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }),
            cancellationToken: Ct);

        ChatMessageContent message = result.GetValue<ChatMessageContent>()!;
        Assert.Equal("It is sunny in Paris.", message.Content);
        Assert.Equal(2, server.Bodies.Count);
        var usage = Assert.IsType<UsageDetails>(message.Metadata?["Usage"]);
        Assert.Equal(0.0046m, usage.GetOpenRouterCost());
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(0.0046m, message.GetOpenRouterCost());
    }

    [Fact]
    public async Task InvokePromptStreamingAsync_AutoFunctionChoice_UsageOfTheChunksAddsUp()
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueCostedToolLoop();
        Kernel kernel = CreateKernel(server);
        var text = new StringBuilder();
        var chunks = new List<StreamingChatMessageContent>();

        await foreach (StreamingChatMessageContent chunk in kernel.InvokePromptStreamingAsync<StreamingChatMessageContent>(
            "What is the weather in Paris?",
            new(new OpenRouterPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }),
            cancellationToken: Ct))
        {
            text.Append(chunk.Content);
            chunks.Add(chunk);
        }

        Assert.Equal("It is sunny in Paris.", text.ToString());
        Assert.Equal(2, server.Bodies.Count);
        Assert.Equal(2, chunks.Count(c => c.Metadata?.ContainsKey("Usage") is true));
        Assert.Equal(0.0046m, chunks.GetOpenRouterCost());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatClientAgent_ToolLoop_RunUsageCarriesSummedCost(bool streaming)
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueCostedToolLoop();
        AIFunction weather = AIFunctionFactory.Create(
            ([Description("The city.")] string city) => $"Sunny, 21 °C in {city}",
            name: "Weather_GetWeather",
            description: "Gets the current weather of a city.");
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "sk-or-test", Endpoint = server.Endpoint, DefaultModelId = "openai/gpt-4o" });
        AIAgent agent = client.AsAIAgent(instructions: "You answer weather questions.", name: "weather-agent", tools: [weather]);

        AgentResponse response = streaming
            ? await agent.RunStreamingAsync("What is the weather in Paris?", cancellationToken: Ct).ToAgentResponseAsync(Ct)
            : await agent.RunAsync("What is the weather in Paris?", cancellationToken: Ct);

        Assert.Equal("It is sunny in Paris.", response.Text);
        Assert.Equal(2, server.Bodies.Count);
        Assert.Equal(0.0046m, response.Usage.GetOpenRouterCost());
    }

    private static Kernel CreateKernel(LoopbackOpenRouter server)
    {
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.AddOpenRouterChatCompletion("openai/gpt-4o", apiKey: "sk-or-test", endpoint: server.Endpoint);
        builder.Plugins.AddFromType<KernelFunctionCallingTests.WeatherPlugin>("Weather");
        return builder.Build();
    }
}
