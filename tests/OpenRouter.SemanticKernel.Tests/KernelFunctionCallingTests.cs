using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using OpenRouter.SemanticKernel.Tests.Infrastructure;
using Snapshooter;
using Snapshooter.Xunit3;

namespace OpenRouter.SemanticKernel.Tests;

public sealed class KernelFunctionCallingTests
{
    [Fact]
    public async Task InvokePromptAsync_AutoFunctionChoice_InvokesPluginAndReturnsFinalAnswer()
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueJson(LoopbackOpenRouter.ToolCallJson).EnqueueText("It is sunny in Paris.");
        var filter = new RecordingFilter();
        Kernel kernel = CreateKernel(server, filter);

        FunctionResult result = await kernel.InvokePromptAsync(
            "What is the weather in Paris?",
            new(new OpenRouterPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0 }),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("It is sunny in Paris.", result.ToString());
        Assert.Equal(2, server.Bodies.Count);
        Snapshot.Match(Json.Pretty(server.Bodies[0]), new SnapshotNameExtension("request1"));
        Snapshot.Match(Json.Pretty(server.Bodies[1]), new SnapshotNameExtension("request2"));
        Assert.Equal(["Weather-GetWeather"], filter.Calls);
        Assert.Equal(2, server.Bodies.Count);
        Assert.Contains("\"tool_call_id\":\"call_1\"", server.Bodies[1], StringComparison.Ordinal);
        Assert.Contains("Sunny, 21", server.Bodies[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokePromptStreamingAsync_AutoFunctionChoice_InvokesPluginAndStreamsFinalAnswer()
    {
        await using LoopbackOpenRouter server = await LoopbackOpenRouter.StartAsync();
        server.EnqueueStreamedToolCall().EnqueueStreamedText("It is ", "sunny ", "in Paris.");
        var filter = new RecordingFilter();
        Kernel kernel = CreateKernel(server, filter);
        var text = new System.Text.StringBuilder();

        await foreach (StreamingKernelContent update in kernel.InvokePromptStreamingAsync(
            "What is the weather in Paris?",
            new(new OpenRouterPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0 }),
            cancellationToken: TestContext.Current.CancellationToken))
        {
            text.Append(update);
        }

        Assert.Equal("It is sunny in Paris.", text.ToString());
        Assert.Equal(2, server.Bodies.Count);
        Snapshot.Match(Json.Pretty(server.Bodies[0]), new SnapshotNameExtension("request1"));
        Snapshot.Match(Json.Pretty(server.Bodies[1]), new SnapshotNameExtension("request2"));
        Assert.Equal(["Weather-GetWeather"], filter.Calls);
        Assert.Equal(2, server.Bodies.Count);
        Assert.Contains("\"tool_call_id\":\"call_1\"", server.Bodies[1], StringComparison.Ordinal);
    }

    private static Kernel CreateKernel(LoopbackOpenRouter server, RecordingFilter filter)
    {
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.AddOpenRouterChatCompletion("openai/gpt-4o", apiKey: "test-key", endpoint: server.Endpoint);
        builder.Plugins.AddFromType<WeatherPlugin>("Weather");
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(filter);
        return builder.Build();
    }

    public sealed class WeatherPlugin
    {
        [KernelFunction, Description("Gets the current weather of a city.")]
        public static string GetWeather([Description("The city.")] string city) => $"Sunny, 21 °C in {city}";
    }

    private sealed class RecordingFilter : IAutoFunctionInvocationFilter
    {
        public List<string> Calls { get; } = [];

        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            Calls.Add($"{context.Function.PluginName}-{context.Function.Name}");
            await next(context);
        }
    }
}
