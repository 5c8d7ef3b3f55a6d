// Semantic Kernel and Agent Framework over the packed packages (their own file: SK and MEAI both define FunctionCallContent…).
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;

internal static class FrameworkSteps
{
    /// <summary>A kernel registered with AddOpenRouterChatCompletion, with no key, answers from the emulator.</summary>
    public static async Task<string> KernelAsync(Uri endpoint)
    {
        Kernel kernel = Kernel.CreateBuilder().AddOpenRouterChatCompletion("openai/gpt-4o-mini", endpoint: endpoint).Build();
        return (await kernel.InvokePromptAsync("Hello from Semantic Kernel!")).ToString();
    }

    /// <summary>An Agent Framework agent over OpenRouterChatClient answers from the emulator.</summary>
    public static async Task<string> AgentAsync(Uri endpoint)
    {
        using var chat = new OpenRouterChatClient(new OpenRouterClientOptions { Endpoint = endpoint, DefaultModelId = "openai/gpt-4o-mini" });
        AIAgent agent = chat.AsAIAgent(instructions: "Answer briefly.");
        return (await agent.RunAsync("Hello from an agent!")).Text;
    }
}
