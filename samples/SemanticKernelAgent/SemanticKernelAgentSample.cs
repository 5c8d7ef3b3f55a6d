using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;
using OpenRouter.SemanticKernel;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;

namespace SemanticKernelAgent;

/// <summary>The <see cref="MenuPlugin"/> behind a Semantic Kernel prompt and behind an Agent Framework agent.</summary>
public static class SemanticKernelAgentSample
{
    /// <summary>The model used when <c>OPENROUTER_MODEL</c> is not set (it must support tool calling).</summary>
    public const string DefaultModel = "openai/gpt-4o-mini";

    /// <summary>Runs the sample.</summary>
    /// <param name="apiKey">The OpenRouter API key; <see langword="null"/> or empty to use the offline emulator.</param>
    /// <param name="model">The model, e.g. <c>openai/gpt-4o-mini</c>.</param>
    /// <param name="output">Where the sample writes.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    /// <returns>The process exit code, 0.</returns>
    public static async Task<int> RunAsync(string? apiKey, string model, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);

        // 1. Semantic Kernel: the OpenRouter chat completion service, the plugin, and a filter that shows each tool call.
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.AddOpenRouterChatCompletion(model, apiKey: endpoint.ApiKey, endpoint: endpoint.Endpoint, appTitle: "OpenRouter .NET SK sample");
        builder.Plugins.AddFromType<MenuPlugin>("Menu");
        builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(new PrintingFilter(output));
        Kernel kernel = builder.Build();

        // FunctionChoiceBehavior.Auto() advertises the kernel's functions as tools and invokes the ones the model calls.
        var settings = new OpenRouterPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), Temperature = 0 };
        const string question = "What is the price of the Clam Chowder on the menu?";
        output.WriteLine($"[Semantic Kernel] > {question}");
        FunctionResult result = await kernel.InvokePromptAsync(question, new KernelArguments(settings), cancellationToken: cancellationToken);
        output.WriteLine($"[Semantic Kernel] {result}");

        // 2. Microsoft Agent Framework: an agent over OpenRouter's IChatClient, with the same plugin as its tools
        //    (AsAIFunctions names them Menu_GetSpecials and Menu_GetItemPrice). The agent runs the tool loop itself.
        using IChatClient chatClient = new OpenRouterChatClient(endpoint.CreateOptions(model, appTitle: "OpenRouter .NET agent sample"));
        AIAgent agent = chatClient.AsAIAgent(
            instructions: "You are a restaurant host. Answer briefly, using the menu tools.",
            name: "menu-host",
            tools: [.. kernel.Plugins["Menu"].AsAIFunctions(kernel)]);

        const string agentQuestion = "What are today's specials on the menu?";
        output.WriteLine($"[Agent] > {agentQuestion}");
        AgentResponse response = await agent.RunAsync(agentQuestion, cancellationToken: cancellationToken);
        foreach (FunctionCallContent call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            output.WriteLine($"[Agent]   [tool call] {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? [])})");
        }

        output.WriteLine($"[Agent] {response.Text}");
        return 0;
    }

    /// <summary>A Semantic Kernel filter around every automatic function call: prints the call and its result.</summary>
    private sealed class PrintingFilter(TextWriter output) : IAutoFunctionInvocationFilter
    {
        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            string arguments = string.Join(", ", context.Arguments?.Select(a => $"{a.Key}: {a.Value}") ?? []);
            output.WriteLine($"[Semantic Kernel]   [tool call] {context.Function.PluginName}.{context.Function.Name}({arguments})");
            await next(context);
            output.WriteLine($"[Semantic Kernel]   [tool result] {context.Result}");
        }
    }
}
