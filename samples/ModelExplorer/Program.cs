// ModelExplorer: a console table of OpenRouter models filtered by capability and price, from the cached model catalog.
//   dotnet run --project samples/ModelExplorer -- --supports tools,structured_outputs --max-prompt-price 1 --sort price
// With OPENROUTER_API_KEY set it reads openrouter.ai's catalog; without, the offline emulator's catalog fixture.
// The sample itself is in ModelExplorerSample.cs (so the tests can run it against the emulator).
using ModelExplorer;
using OpenRouter.Samples;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");

// An OpenRouterException (no network, a wrong key, a server error) becomes one line and exit code 1.
return await SampleEndpoint.ReportFailuresAsync(() => ModelExplorerSample.RunAsync(args, apiKey, Console.Out), apiKey, Console.Error);
