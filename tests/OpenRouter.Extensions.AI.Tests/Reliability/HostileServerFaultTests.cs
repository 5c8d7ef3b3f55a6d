using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// Faults only a server written at the socket level produces (<see cref="RawHttpServer"/>): media types in odd letter
/// case, corrupt compression, deep nesting, redirects, rate-limit headers and REST answers missing what they must have.
/// Every failure is an <see cref="OpenRouterException"/>.
/// </summary>
public sealed class HostileServerFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, 100, true)]
    [InlineData(true, 100, true)]
    [InlineData(false, 300, false)]
    [InlineData(true, 300, false)]
    public async Task ChatCall_AnswerNestedDeeply_SameLimitInBothModes(bool streaming, int depth, bool accepted)
    {
        string nested = new string('[', depth) + new string(']', depth);
        string body = streaming
            ? $$"""data: {"id":"gen-1","model":"m/x","x":{{nested}},"choices":[{"index":0,"delta":{"content":"deep"},"finish_reason":"stop"}]}""" + "\n\ndata: [DONE]\n\n"
            : $$$"""{"id":"gen-1","model":"m/x","x":{{{nested}}},"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"deep"}}]}""";
        await using RawHttpServer server = RawHttpServer.Start(200, streaming ? "text/event-stream" : "application/json", body);
        using OpenRouterChatClient client = Chat(server);

        Task<ChatResponse> call = streaming
            ? client.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct)
            : client.GetResponseAsync("x", cancellationToken: Ct);

        if (accepted)
        {
            Assert.Equal("deep", (await call).Text);
        }
        else
        {
            OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => call);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
        }
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(300, false)]
    public async Task ModelsListAsync_AnswerNestedDeeply_SameLimitAsChat(int depth, bool accepted)
    {
        string nested = new string('[', depth) + new string(']', depth);
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", $$"""{"data":[{"id":"a/b","name":"B","x":{{nested}}}]}""");
        using var rest = new OpenRouterClient(Options(server));

        if (accepted)
        {
            Assert.Equal("a/b", Assert.Single(await rest.Models.ListAsync(cancellationToken: Ct)).Id);
        }
        else
        {
            await Assert.ThrowsAsync<OpenRouterException>(() => rest.Models.ListAsync(cancellationToken: Ct));
        }
    }

    private static OpenRouterClientOptions Options(RawHttpServer server) =>
        new() { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultModelId = "m/x" };

    private static OpenRouterChatClient Chat(RawHttpServer server) => new(Options(server));

    private static async Task DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (ChatResponseUpdate _ in updates)
        {
        }
    }
}
