// SemanticKernelAgent: one plugin, used twice — by a Semantic Kernel kernel (AddOpenRouterChatCompletion,
// FunctionChoiceBehavior.Auto()) and by a Microsoft Agent Framework agent (IChatClient.AsAIAgent with tools).
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in SemanticKernelAgentSample.cs (so the tests can run it against the emulator).
using SemanticKernelAgent;

return await SemanticKernelAgentSample.RunAsync(
    apiKey: Environment.GetEnvironmentVariable("OPENROUTER_API_KEY"),
    model: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? SemanticKernelAgentSample.DefaultModel,
    output: Console.Out);
