// Quickstart: stream a chat answer, run one tool-calling round, print usage and cost.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in QuickstartSample.cs (so the tests can run it against the emulator).
using Quickstart;
using OpenRouter.Samples;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");

// An OpenRouterException (no network, a wrong key, a server error) becomes one line and exit code 1.
return await SampleEndpoint.ReportFailuresAsync(() => QuickstartSample.RunAsync(
        apiKey: apiKey,
        model: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? QuickstartSample.DefaultModel,
        output: Console.Out,
        interactive: !Console.IsOutputRedirected), apiKey, Console.Error);
