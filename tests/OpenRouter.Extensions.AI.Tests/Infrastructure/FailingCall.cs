using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>Makes the same call in each mode a test runs against a failing server, and returns the <see cref="OpenRouterException"/> it must throw.</summary>
public static class FailingCall
{
    /// <summary>The modes: <c>chat-json</c> (<c>GetResponseAsync</c>), <c>chat-stream</c> (<c>GetStreamingResponseAsync</c>), <c>rest</c> (<c>Keys.GetCurrentAsync</c>).</summary>
    public static async Task<OpenRouterException> ThrowsAsync(string mode, OpenRouterClientOptions options, CancellationToken cancellationToken)
    {
        using var chat = new OpenRouterChatClient(options);
        using var rest = new OpenRouterClient(options);
        return await Assert.ThrowsAsync<OpenRouterException>(async () =>
        {
            switch (mode)
            {
                case "chat-json":
                    await chat.GetResponseAsync("x", cancellationToken: cancellationToken);
                    break;
                case "chat-stream":
                    await foreach (ChatResponseUpdate _ in chat.GetStreamingResponseAsync("x", cancellationToken: cancellationToken))
                    {
                    }

                    break;
                case "rest":
                    await rest.Keys.GetCurrentAsync(cancellationToken);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode.");
            }
        });
    }
}
