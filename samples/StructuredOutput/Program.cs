// StructuredOutput: GetResponseAsync<T> asks OpenRouter for JSON matching T's schema (response_format json_schema)
// and deserializes the answer into a record.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in StructuredOutputSample.cs (so the tests can run it against the emulator).
using StructuredOutput;

return await StructuredOutputSample.RunAsync(
    apiKey: Environment.GetEnvironmentVariable("OPENROUTER_API_KEY"),
    model: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? StructuredOutputSample.DefaultModel,
    output: Console.Out);
