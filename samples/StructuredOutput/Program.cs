// StructuredOutput: GetResponseAsync<T> asks OpenRouter for JSON matching T's schema (response_format json_schema)
// and deserializes the answer into a record.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in StructuredOutputSample.cs (so the tests can run it against the emulator).
using StructuredOutput;
using OpenRouter.Samples;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");

// An OpenRouterException (no network, a wrong key, a server error) becomes one line and exit code 1.
return await SampleEndpoint.ReportFailuresAsync(() => StructuredOutputSample.RunAsync(
        apiKey: apiKey,
        model: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? StructuredOutputSample.DefaultModel,
        output: Console.Out), apiKey, Console.Error);
