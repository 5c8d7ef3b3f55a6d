// SemanticKernelAgent: one plugin, used twice — by a Semantic Kernel kernel (AddOpenRouterChatCompletion,
// FunctionChoiceBehavior.Auto()) and by a Microsoft Agent Framework agent (IChatClient.AsAIAgent with tools).
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in SemanticKernelAgentSample.cs (so the tests can run it against the emulator).
using SemanticKernelAgent;
using OpenRouter.Samples;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");

// An OpenRouterException (no network, a wrong key, a server error) becomes one line and exit code 1.
return await SampleEndpoint.ReportFailuresAsync(() => SemanticKernelAgentSample.RunAsync(
        apiKey: apiKey,
        model: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? SemanticKernelAgentSample.DefaultModel,
        output: Console.Out), apiKey, Console.Error);
