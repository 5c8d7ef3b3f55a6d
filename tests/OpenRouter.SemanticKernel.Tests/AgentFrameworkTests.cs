using System.ComponentModel;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.SemanticKernel.Tests.Infrastructure;

namespace OpenRouter.SemanticKernel.Tests;

public sealed class AgentFrameworkTests
{
    [Fact]
    public async Task ChatClientAgent_ToolCall_InvokesToolAndAnswers()
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueJson(LoopbackOpenRouter.ToolCallJson).EnqueueText("It is sunny in Paris.");
        var calls = new List<string>();
        AIFunction weather = AIFunctionFactory.Create(
            ([Description("The city.")] string city) => { calls.Add(city); return $"Sunny, 21 °C in {city}"; },
            name: "Weather_GetWeather",
            description: "Gets the current weather of a city.");
        using var client = new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = "k", Endpoint = server.Endpoint, DefaultModelId = "openai/gpt-4o" });
        AIAgent agent = client.AsAIAgent(instructions: "You answer weather questions.", name: "weather-agent", tools: [weather]);

        AgentResponse response = await agent.RunAsync("What is the weather in Paris?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("It is sunny in Paris.", response.Text);
        Assert.Equal(["Paris"], calls);
        Assert.Equal(2, server.Bodies.Count);
        Assert.Contains("\"tool_call_id\":\"call_1\"", server.Bodies[1], StringComparison.Ordinal);
        Assert.Contains("You answer weather questions.", server.Bodies[0], StringComparison.Ordinal);
    }
}
