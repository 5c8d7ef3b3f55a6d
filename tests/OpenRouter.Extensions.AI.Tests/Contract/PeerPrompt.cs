using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// Writes a peer case's Vercel AI SDK prompt as the MEAI messages a .NET user would build for the same conversation:
/// text parts are <see cref="TextContent"/>; file parts are <see cref="DataContent"/> (bytes, base64 or a <c>data:</c> URI) or
/// <see cref="UriContent"/> (an address); a reasoning part is a <see cref="TextReasoningContent"/> whose
/// <see cref="TextReasoningContent.ProtectedData"/> is the part's <c>providerOptions.openrouter.reasoning_details</c> (as this
/// library's answers carry them); the <c>reasoning_details</c> of a tool-call part or of the whole message are a
/// <see cref="TextReasoningContent"/> with empty text and those details (the message's first, since the peer prefers them);
/// a tool call is a <see cref="FunctionCallContent"/>; a tool result a <see cref="FunctionResultContent"/> whose result is the
/// text, the JSON, or the list of contents of the output.
/// </summary>
internal static class PeerPrompt
{
    public static List<ChatMessage> ToMessages(JsonNode prompt)
    {
        var messages = new List<ChatMessage>();
        foreach (JsonNode? entry in prompt.AsArray())
        {
            JsonObject message = entry!.AsObject();
            string role = (string)message["role"]!;
            JsonNode? content = message["content"];
            messages.Add(role switch
            {
                "system" => new ChatMessage(ChatRole.System, (string)content!),
                "user" => new ChatMessage(ChatRole.User, [.. content!.AsArray().Select(p => UserPart(p!.AsObject()))]),
                "assistant" => new ChatMessage(ChatRole.Assistant, AssistantParts(message)),
                "tool" => new ChatMessage(ChatRole.Tool, [.. content!.AsArray().Select(p => ToolResult(p!.AsObject()))]),
                _ => throw new InvalidOperationException($"Unexpected role {role}."),
            });
        }

        return messages;
    }

    private static AIContent UserPart(JsonObject part) => (string)part["type"]! switch
    {
        "text" => new TextContent((string)part["text"]!),
        "file" => Media(part["data"]!, (string)part["mediaType"]!, (string?)part["providerOptions"]?["openrouter"]?["filename"] ?? (string?)part["filename"]),
        string other => throw new InvalidOperationException($"Unexpected user part {other}."),
    };

    /// <summary>A file's data, in any of the forms the peer's cases use.</summary>
    public static AIContent Media(JsonNode data, string mediaType, string? name = null)
    {
        if (data is JsonObject bytes && bytes["$bytes"] is { } base64)
        {
            return new DataContent(Convert.FromBase64String((string)base64!), mediaType) { Name = name };
        }

        string text = (string)data!;
        if (text.StartsWith("http", StringComparison.Ordinal))
        {
            return new UriContent(new Uri(text), mediaType);
        }

        if (!text.StartsWith("data:", StringComparison.Ordinal))
        {
            return new DataContent(Convert.FromBase64String(text), mediaType) { Name = name };
        }

        try
        {
            return new DataContent(text, mediaType) { Name = name };
        }
        catch (UriFormatException)
        {
            // req.pdf_file_parser's PDF is a placeholder, not base64 (peer-cases README): its characters stand for the bytes.
            return new DataContent(System.Text.Encoding.ASCII.GetBytes(text[(text.IndexOf(',', StringComparison.Ordinal) + 1)..]), mediaType) { Name = name };
        }
    }

    private static List<AIContent> AssistantParts(JsonObject message)
    {
        var contents = new List<AIContent>();
        if (Details(message) is { } messageLevel)
        {
            contents.Add(new TextReasoningContent(string.Empty) { ProtectedData = messageLevel });
        }

        foreach (JsonNode? entry in message["content"]!.AsArray())
        {
            JsonObject part = entry!.AsObject();
            switch ((string)part["type"]!)
            {
                case "text":
                    contents.Add(new TextContent((string)part["text"]!));
                    break;
                case "reasoning":
                    contents.Add(new TextReasoningContent((string)part["text"]!) { ProtectedData = Details(part) });
                    break;
                case "tool-call":
                    if (Details(part) is { } details)
                    {
                        contents.Add(new TextReasoningContent(string.Empty) { ProtectedData = details });
                    }

                    contents.Add(new FunctionCallContent((string)part["toolCallId"]!, (string)part["toolName"]!, Arguments(part["input"])));
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected assistant part {part["type"]}.");
            }
        }

        return contents;
    }

    /// <summary>Tool-call input (or a case's arguments) as a <see cref="FunctionCallContent"/>'s arguments, in the given key order.</summary>
    public static Dictionary<string, object?> Arguments(JsonNode? input) =>
        input is JsonObject members
            ? members.ToDictionary(p => p.Key, p => (object?)JsonSerializer.SerializeToElement(p.Value, AIJsonUtilities.DefaultOptions))
            : [];

    private static string? Details(JsonObject owner) =>
        owner["providerOptions"]?["openrouter"]?["reasoning_details"] is JsonArray details ? details.ToJsonString() : null;

    private static FunctionResultContent ToolResult(JsonObject part)
    {
        JsonObject output = part["output"]!.AsObject();
        JsonNode? value = output["value"];
        object? result = (string)output["type"]! switch
        {
            "text" or "error-text" => (string)value!,
            "json" or "error-json" => JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions),
            "content" => value!.AsArray().Select(p => ResultPart(p!.AsObject())).ToList(),
            "execution-denied" => (string?)output["reason"] ?? "Tool execution denied",
            string other => throw new InvalidOperationException($"Unexpected tool output {other}."),
        };
        return new FunctionResultContent((string)part["toolCallId"]!, result);
    }

    private static AIContent ResultPart(JsonObject part) => (string)part["type"]! switch
    {
        "text" => new TextContent((string)part["text"]!),
        "image-data" or "file-data" => Media(part["data"]!, (string)part["mediaType"]!, (string?)part["filename"]),
        "image-url" => new UriContent(new Uri((string)part["url"]!), "image/*"),
        string other => throw new InvalidOperationException($"Unexpected tool result part {other}."),
    };
}
