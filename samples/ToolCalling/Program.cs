// ToolCalling: an OpenRouter IChatClient registered in a .NET host (builder.AddOpenRouterChatClient()), with
// FunctionInvokingChatClient (.UseFunctionInvocation()) running two local tools for the model.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in ToolCallingSample.cs (so the tests can run it against the emulator).
using ToolCalling;

return await ToolCallingSample.RunAsync(args, apiKey: Environment.GetEnvironmentVariable("OPENROUTER_API_KEY"), output: Console.Out);
