// ToolCalling: an OpenRouter IChatClient registered in a .NET host (builder.AddOpenRouterChatClient()), with
// FunctionInvokingChatClient (.UseFunctionInvocation()) running two local tools for the model.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in ToolCallingSample.cs (so the tests can run it against the emulator).
using ToolCalling;
using OpenRouter.Samples;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");

// An OpenRouterException (no network, a wrong key, a server error) becomes one line and exit code 1.
return await SampleEndpoint.ReportFailuresAsync(() => ToolCallingSample.RunAsync(args, apiKey: apiKey, output: Console.Out), apiKey, Console.Error);
