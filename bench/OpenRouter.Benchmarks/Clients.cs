using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenRouter.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>Builds the clients compared in every scenario, all over the same in-memory handler.</summary>
internal static class Clients
{
    public const string ApiKey = "sk-or-v1-0123456789abcdef0123456789abcdef";

    /// <summary>Ours: <see cref="OpenRouterChatClient"/>.</summary>
    public static IChatClient Ours(HttpMessageHandler handler, string model) =>
        new OpenRouterChatClient(new OpenRouterClientOptions { ApiKey = ApiKey, DefaultModelId = model }, new HttpClient(handler));

    /// <summary>The peer: Microsoft.Extensions.AI.OpenAI over the OpenAI SDK pointed at OpenRouter.</summary>
    public static IChatClient Peer(HttpMessageHandler handler, string model) =>
        new OpenAIClient(
                new ApiKeyCredential(ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri("https://openrouter.ai/api/v1"),
                    Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
                })
            .GetChatClient(model)
            .AsIChatClient();

    /// <summary>The floor: a bare <see cref="HttpClient"/> on the same handler.</summary>
    public static FloorClient Floor(HttpMessageHandler handler) => new(new HttpClient(handler));

    public static List<ChatMessage> OneUserMessage() => [new(ChatRole.User, "Tell me a story about a fox.")];
}
