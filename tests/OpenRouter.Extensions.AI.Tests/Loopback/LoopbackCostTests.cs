using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Loopback;

/// <summary>The cost of a tool loop against the emulator: each round's cost adds up in the final response.</summary>
public sealed class LoopbackCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvokingChatClient_TwoRoundsCosting12And34_ReportsTotal46(bool streaming)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1").WithUsage(40, 10, 0.0012m));
        emulator.Enqueue(EmulatorResponse.Text("It is sunny in Paris.").WithUsage(60, 8, 0.0034m));
        using IChatClient client = LoopbackToolLoopTests.CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };

        ChatResponse response = streaming
            ? await client.GetStreamingResponseAsync("Weather in Paris?", options, Ct).ToChatResponseAsync(Ct)
            : await client.GetResponseAsync("Weather in Paris?", options, Ct);

        Assert.Equal(2, emulator.Requests.Count);
        Assert.Equal(0.0046m, response.GetOpenRouterCost());
        Assert.Equal(0.0046m, response.Usage.GetOpenRouterCost());
        Assert.Equal(100, response.Usage!.InputTokenCount);
        Assert.Equal(18, response.Usage.OutputTokenCount);

        // The per-response property is one round's cost behind the loop, as documented on OpenRouterResponseProperties.Cost.
        Assert.Equal(0.0034m, response.AdditionalProperties![OpenRouterResponseProperties.Cost]);
    }

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city name")] string city) => $"Sunny, 21 °C in {city}";
}
