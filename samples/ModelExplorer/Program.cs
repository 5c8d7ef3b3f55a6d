// ModelExplorer: a console table of OpenRouter models filtered by capability and price, from the cached model catalog.
//   dotnet run --project samples/ModelExplorer -- --supports tools,structured_outputs --max-prompt-price 1 --sort price
// With OPENROUTER_API_KEY set it reads openrouter.ai's catalog; without, the offline emulator's catalog fixture.
using OpenRouter.Testing;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");
await using OpenRouterEmulator? emulator = string.IsNullOrEmpty(apiKey) ? await OpenRouterEmulator.StartAsync() : null;
if (emulator is not null)
{
    Console.WriteLine($"OPENROUTER_API_KEY is not set: using the offline OpenRouter emulator at {emulator.Endpoint} (its model list is a fixture, not the live catalog).");
}

return await ModelExplorerApp.RunAsync(args, Console.Out, emulator?.Endpoint, apiKey);
