using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;
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
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
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

        // The cost is stored once, in the usage: no property repeats one round's cost beside the total.
        Assert.False(response.AdditionalProperties?.ContainsKey("cost") ?? false);
        Assert.All(response.Messages, m => Assert.False(m.AdditionalProperties?.ContainsKey("cost") ?? false));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerationsAndCredits_AfterToolLoop_ReportTheCostsTheEmulatorSent(bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(new OpenRouterEmulatorOptions { TotalCredits = 10m }, Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1").WithUsage(40, 10, 0.0012m) with { Id = "gen-round-1" });
        emulator.Enqueue(EmulatorResponse.Text("It is sunny in Paris.").WithUsage(60, 8, 0.0034m) with { Id = "gen-round-2" });
        using IChatClient chat = LoopbackToolLoopTests.CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        using var rest = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback" });
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };

        ChatResponse response = streaming
            ? await chat.GetStreamingResponseAsync("Weather in Paris?", options, Ct).ToChatResponseAsync(Ct)
            : await chat.GetResponseAsync("Weather in Paris?", options, Ct);
        OpenRouterGeneration last = await rest.Generations.GetAsync(response, Ct);
        OpenRouterGeneration first = await rest.Generations.GetAsync("gen-round-1", Ct);
        OpenRouterCredits credits = await rest.Credits.GetAsync(Ct);

        Assert.Equal("gen-round-2", last.Id);
        Assert.Equal(0.0034m, last.TotalCost);
        Assert.Equal(streaming, last.Streamed);
        Assert.Equal(60, last.NativeTokensPrompt);
        Assert.Equal("OpenRouterEmulator", last.ProviderName);
        Assert.Equal(0.0012m, first.TotalCost);
        Assert.Equal(response.GetOpenRouterCost(), first.TotalCost + last.TotalCost);
        Assert.Equal(10m, credits.TotalCredits);
        Assert.Equal(0.0046m, credits.TotalUsage);
        Assert.Equal("/api/v1/generation?id=gen-round-2", emulator.Requests[2].Path + emulator.Requests[2].QueryString);
    }

    [Fact]
    public async Task GenerationsGetAsync_IdTheEmulatorNeverAnswered_ThrowsNotFoundAfterRetries()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        var time = new TimerSignalingTimeProvider();
        using var rest = new OpenRouterClient(new OpenRouterClientOptions { Endpoint = emulator.Endpoint, ApiKey = "sk-or-loopback" }, httpClient: null, time);

        Task<OpenRouterGeneration> call = rest.Generations.GetAsync("gen-unknown", Ct);
        for (int retry = 0; retry < 3; retry++)
        {
            await time.TimerCreated.WaitAsync(Ct);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => call);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(4, emulator.Requests.Count);
    }

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city name")] string city) => $"Sunny, 21 °C in {city}";
}
