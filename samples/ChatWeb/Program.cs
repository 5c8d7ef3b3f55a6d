// ChatWeb: an ASP.NET Core minimal API that streams an OpenRouter answer to a web page token by token (server-sent
// events), with the model's reasoning shown apart from the answer, the tool calls it makes, and each answer's cost and
// cache reads. With OPENROUTER_API_KEY set it talks to openrouter.ai (OPENROUTER_MODEL picks the model); without, it
// starts the offline OpenRouter emulator. Open the address it prints. The app itself is in ChatWebApp.cs (so the tests
// can start it, and drive the page in a real browser).
using ChatWeb;
using OpenRouter.Samples;

string? apiKey = Environment.GetEnvironmentVariable("OPENROUTER_API_KEY");

return await SampleEndpoint.ReportFailuresAsync(
    async () =>
    {
        await using ChatWebApp app = await ChatWebApp.StartAsync(args, apiKey, Console.Out);
        Console.WriteLine($"ChatWeb is listening on {app.Address} (Ctrl+C to stop).");
        await app.WaitForShutdownAsync();
        return 0;
    },
    apiKey,
    Console.Error);
