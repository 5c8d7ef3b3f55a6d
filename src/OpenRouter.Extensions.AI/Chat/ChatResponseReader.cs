using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Decodes a whole <c>chat.completion</c> body (a JSON answer) into a <see cref="ChatResponse"/>: one parse into the wire model, one mapping.</summary>
internal static class ChatResponseReader
{
    /// <summary>Reads the body into the wire model and maps it (<see cref="ChatResponseMapper.ToChatResponse"/>); the body is kept as <see cref="OpenRouterRawJson"/>.</summary>
    /// <param name="body">The UTF-8 body.</param>
    /// <param name="response">The HTTP response.</param>
    /// <returns>The response.</returns>
    /// <exception cref="System.Text.Json.JsonException">The body is not a chat completion.</exception>
    public static ChatResponse Decode(ReadOnlySpan<byte> body, HttpResponseMessage response) =>
        ChatResponseMapper.ToChatResponse(WireReader.Read(body), new OpenRouterRawJson(body.ToArray()));
}
