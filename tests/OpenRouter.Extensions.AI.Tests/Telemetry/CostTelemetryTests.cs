using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenRouter.Extensions.AI.Tests.Loopback;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Telemetry;

/// <summary>
/// The cost meter and the activity tag, with <c>EnableSensitiveData</c> off. The meter is process-wide, so each test sends a model id
/// of its own and looks only at the measurements tagged with it.
/// </summary>
public sealed class CostTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvokingChatClient_SensitiveDataOff_RecordsEachRoundsCostWithModelAndProviderTags(bool streaming)
    {
        string model = UniqueModel();
        using var collector = new MetricCollector<double>(null, OpenRouterTelemetry.MeterName, OpenRouterTelemetry.CostInstrumentName);
        await using OpenRouterEmulator emulator = await StartTwoRoundEmulatorAsync();
        using IChatClient client = LoopbackToolLoopTests.CreateClient(emulator).AsBuilder()
            .UseFunctionInvocation()
            .UseOpenTelemetry(configure: o => o.EnableSensitiveData = false)
            .Build();

        await SendAsync(client, model, streaming);

        IReadOnlyList<CollectedMeasurement<double>> measurements = For(collector, model);
        Assert.Equal([0.0012, 0.0034], measurements.Select(m => m.Value));
        CollectedMeasurement<double> first = measurements[0];
        Assert.Equal("chat", first.Tags["gen_ai.operation.name"]);
        Assert.Equal("openrouter", first.Tags["gen_ai.provider.name"]);
        Assert.Equal(model, first.Tags["gen_ai.response.model"]);
        Assert.Equal("OpenRouterEmulator", first.Tags[OpenRouterTelemetry.UpstreamProviderAttributeName]);
        Assert.Equal(
            ["gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model", "gen_ai.response.model", OpenRouterTelemetry.UpstreamProviderAttributeName],
            first.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(OpenRouterTelemetry.CostUnit, collector.Instrument!.Unit);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UseOpenTelemetry_SensitiveDataOff_SetsEachRoundsCostOnItsChatActivity(bool streaming)
    {
        string model = UniqueModel();
        string sourceName = "OpenRouter.Tests." + Guid.NewGuid().ToString("N");
        var costs = new List<object?>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("gen_ai.operation.name") is not "chat")
                {
                    return;
                }

                lock (costs)
                {
                    costs.Add(activity.GetTagItem(OpenRouterTelemetry.CostAttributeName));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using OpenRouterEmulator emulator = await StartTwoRoundEmulatorAsync();
        using IChatClient client = LoopbackToolLoopTests.CreateClient(emulator).AsBuilder()
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: sourceName, configure: o => o.EnableSensitiveData = false)
            .Build();

        await SendAsync(client, model, streaming);

        Assert.Equal([0.0012, 0.0034], costs);
    }

    [Fact]
    public async Task OpenRouterChatClient_NoActivityNoMiddleware_StillRecordsCost()
    {
        string model = UniqueModel();
        using var collector = new MetricCollector<double>(null, OpenRouterTelemetry.MeterName, OpenRouterTelemetry.CostInstrumentName);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Lenient(), Ct);
        emulator.Enqueue(EmulatorResponse.Text("Hello.").WithUsage(3, 1, 0.0000015m));
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        await client.GetResponseAsync("Hi", new ChatOptions { ModelId = model }, Ct);

        Assert.Equal([0.0000015], For(collector, model).Select(m => m.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddOpenRouterChatClient_DependencyInjection_RecordsEachResponsesCost(bool streaming)
    {
        string model = UniqueModel();
        using var collector = new MetricCollector<double>(null, OpenRouterTelemetry.MeterName, OpenRouterTelemetry.CostInstrumentName);
        await using OpenRouterEmulator emulator = await StartTwoRoundEmulatorAsync();
        var services = new ServiceCollection();
        services.AddOpenRouterChatClient(o =>
        {
            o.ApiKey = "sk-or-test";
            o.Endpoint = emulator.Endpoint;
            o.DefaultModelId = model;
        }).UseFunctionInvocation();
        await using ServiceProvider provider = services.BuildServiceProvider();
        IChatClient client = provider.GetRequiredService<IChatClient>();

        await SendAsync(client, model, streaming);

        Assert.Equal([0.0012, 0.0034], For(collector, model).Select(m => m.Value));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_JsonAnswerToStreamingRequest_RecordsCostOnce()
    {
        string model = UniqueModel();
        using var collector = new MetricCollector<double>(null, OpenRouterTelemetry.MeterName, OpenRouterTelemetry.CostInstrumentName);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Lenient(), Ct);
        emulator.Enqueue(EmulatorResponse.Text("Hello.").WithUsage(3, 1, 0.0021m) with { Stream = false });
        using OpenRouterChatClient client = LoopbackToolLoopTests.CreateClient(emulator);

        ChatResponse response = await client.GetStreamingResponseAsync("Hi", new ChatOptions { ModelId = model }, Ct).ToChatResponseAsync(Ct);

        Assert.Equal(0.0021m, response.GetOpenRouterCost());
        Assert.Equal([0.0021], For(collector, model).Select(m => m.Value));
    }

    private static string UniqueModel() => "test/cost-" + Guid.NewGuid().ToString("N");

    /// <summary>Each test names a model of its own, so its measurements are told apart from the other tests'; the emulator must accept it.</summary>
    private static OpenRouterEmulatorOptions Lenient() => new() { Lenient = true };

    private static IReadOnlyList<CollectedMeasurement<double>> For(MetricCollector<double> collector, string model) =>
        [.. collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault("gen_ai.request.model"), model))];

    private static async Task<OpenRouterEmulator> StartTwoRoundEmulatorAsync()
    {
        OpenRouterEmulator emulator = await TestEmulator.StartAsync(Lenient(), Ct);
        emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1").WithUsage(40, 10, 0.0012m));
        emulator.Enqueue(EmulatorResponse.Text("It is sunny in Paris.").WithUsage(60, 8, 0.0034m));
        return emulator;
    }

    private static async Task SendAsync(IChatClient client, string model, bool streaming)
    {
        var options = new ChatOptions { ModelId = model, Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };
        ChatResponse response = streaming
            ? await client.GetStreamingResponseAsync("Weather in Paris?", options, Ct).ToChatResponseAsync(Ct)
            : await client.GetResponseAsync("Weather in Paris?", options, Ct);
        Assert.Equal("It is sunny in Paris.", response.Text);
    }

    [Description("Gets the current weather for a city.")]
    private static string GetWeather([Description("The city name")] string city) => $"Sunny, 21 °C in {city}";
}
