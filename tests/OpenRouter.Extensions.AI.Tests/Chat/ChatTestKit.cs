using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>Builds chat clients over a <see cref="RecordingHandler"/> and reads fixtures.</summary>
internal static class ChatTestKit
{
    public const string Model = "openai/gpt-4o";

    public static (OpenRouterChatClient Client, RecordingHandler Handler) Create(string? defaultModel = Model, Action<OpenRouterClientOptions>? configure = null)
    {
        var handler = new RecordingHandler();
        var options = new OpenRouterClientOptions { ApiKey = "sk-or-test-key", DefaultModelId = defaultModel };
        configure?.Invoke(options);
        return (new OpenRouterChatClient(options, new HttpClient(handler)), handler);
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Chat", name));

    /// <summary>Streams a request answered with <paramref name="sse"/> and returns every update.</summary>
    public static async Task<List<ChatResponseUpdate>> StreamAsync(string sse)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = Create();
        using (client)
        {
            handler.RespondSse(sse);
            var updates = new List<ChatResponseUpdate>();
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("x", cancellationToken: TestContext.Current.CancellationToken))
            {
                updates.Add(update);
            }

            return updates;
        }
    }

    /// <summary>Sends one request (answered with a minimal completion) and returns the request body.</summary>
    public static async Task<string> CaptureRequestAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, bool stream = false)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = Create();
        using (client)
        {
            if (stream)
            {
                handler.RespondSse(Fixture("text.sse"));
                await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync(messages, options, TestContext.Current.CancellationToken))
                {
                }
            }
            else
            {
                handler.RespondJson(Fixture("text.json"));
                await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);
            }

            return handler.Requests.Single().Body!;
        }
    }
}
