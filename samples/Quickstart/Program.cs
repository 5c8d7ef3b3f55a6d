// Quickstart: stream a chat answer, run one tool-calling round, print usage and cost.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in QuickstartSample.cs (so the tests can run it against the emulator).
using Quickstart;

return await QuickstartSample.RunAsync(
    apiKey: Environment.GetEnvironmentVariable("OPENROUTER_API_KEY"),
    model: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? QuickstartSample.DefaultModel,
    output: Console.Out);
