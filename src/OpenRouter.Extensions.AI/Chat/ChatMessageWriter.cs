using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Writes MEAI <see cref="ChatMessage"/>s as OpenRouter's <c>messages</c> array.</summary>
internal static class ChatMessageWriter
{
    private static readonly ChatRole DeveloperRole = new("developer");

    public static void WriteMessages(Utf8JsonWriter writer, IEnumerable<ChatMessage> messages, string? instructions)
    {
        writer.WriteStartArray();
        if (!string.IsNullOrEmpty(instructions))
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "system"u8);
            writer.WriteString("content"u8, instructions);
            writer.WriteEndObject();
        }

        // The reasoning items already sent by earlier assistant messages: each goes out once per request (ReasoningDetails).
        HashSet<string>? reasoningSent = null;
        foreach (ChatMessage message in messages)
        {
            WriteMessage(writer, message, ref reasoningSent);
        }

        writer.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, ref HashSet<string>? reasoningSent)
    {
        IList<AIContent> contents = message.Contents;
        ChatRole role = message.Role;

        // Function results always travel as one "tool" message each, whatever role they came in.
        bool hasOtherContent = false;
        object? messageCache = CacheControlWriter.Of(message.AdditionalProperties);
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is FunctionResultContent result)
            {
                WriteToolResult(writer, result, CacheControlWriter.Of(result.AdditionalProperties) ?? messageCache);
            }
            else
            {
                hasOtherContent = true;
            }
        }

        if (!hasOtherContent && contents.Count > 0)
        {
            return;
        }

        if (role == ChatRole.Assistant)
        {
            WriteAssistant(writer, message, ref reasoningSent);
            return;
        }

        if (role == ChatRole.Tool)
        {
            // A tool message without a FunctionResultContent has no call id to answer; nothing valid to send.
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, role == ChatRole.System ? "system" : role == DeveloperRole ? "developer" : role == ChatRole.User ? "user" : role.Value);
        if (!string.IsNullOrEmpty(message.AuthorName))
        {
            writer.WriteString("name"u8, message.AuthorName);
        }

        writer.WritePropertyName("content"u8);
        if (role == ChatRole.User)
        {
            WriteUserContent(writer, contents, messageCache);
        }
        else if (messageCache is not null || CacheControlWriter.Any(message))
        {
            WriteTextParts(writer, contents, messageCache);
        }
        else
        {
            writer.WriteStringValue(ConcatText(contents));
        }

        writer.WriteEndObject();
    }

    private static void WriteAssistant(Utf8JsonWriter writer, ChatMessage message, ref HashSet<string>? reasoningSent)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "assistant"u8);
        if (!string.IsNullOrEmpty(message.AuthorName))
        {
            writer.WriteString("name"u8, message.AuthorName);
        }

        string text = ConcatText(message.Contents);
        writer.WritePropertyName("content"u8);
        if (text.Length > 0)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteNullValue();
        }

        bool toolCallsStarted = false;
        foreach (AIContent content in message.Contents)
        {
            if (content is not FunctionCallContent call)
            {
                continue;
            }

            if (!toolCallsStarted)
            {
                writer.WriteStartArray("tool_calls"u8);
                toolCallsStarted = true;
            }

            writer.WriteStartObject();
            writer.WriteString("id"u8, call.CallId);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("arguments"u8);
            WriteArguments(writer, call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (toolCallsStarted)
        {
            writer.WriteEndArray();
        }

        ReasoningDetails.WriteForRoundTrip(writer, message.Contents, ref reasoningSent);
        WriteFileAnnotations(writer, message.Contents);

        // An assistant message's breakpoint goes on the message (its content is one string), as OpenRouter's own SDKs send it.
        CacheControlWriter.Write(writer, CacheControlWriter.Of(message.AdditionalProperties) ?? LastPartCacheControl(message.Contents));
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the <c>file</c> annotations of an answer back on its assistant message (<c>"annotations": [...]</c>): they hold a
    /// PDF that the file-parser plugin parsed, and OpenRouter skips parsing (and charging for) it again when they come back
    /// (openrouter-docs overview_multimodal_pdfs.mdx, "Skip Parsing Costs"). They are read from the annotation's
    /// <see cref="AIAnnotation.AdditionalProperties"/> (its wire members, as <see cref="ChatResponseMapper.CreateAnnotation"/>
    /// put them there), so a conversation that was serialized and read back keeps them. Citations are the model's output
    /// and do not go back.
    /// </summary>
    private static void WriteFileAnnotations(Utf8JsonWriter writer, IList<AIContent> contents)
    {
        bool started = false;
        foreach (AIContent content in contents)
        {
            if (content.Annotations is not { Count: > 0 } annotations)
            {
                continue;
            }

            foreach (AIAnnotation annotation in annotations)
            {
                if (annotation is CitationAnnotation || annotation.AdditionalProperties is not { } members ||
                    !members.TryGetValue("type", out object? type) || !IsFileType(type))
                {
                    continue;
                }

                if (!started)
                {
                    writer.WriteStartArray("annotations"u8);
                    started = true;
                }

                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> member in members)
                {
                    JsonValueWriter.WriteField(writer, member, "AIAnnotation.AdditionalProperties");
                }

                writer.WriteEndObject();
            }
        }

        if (started)
        {
            writer.WriteEndArray();
        }

        static bool IsFileType(object? type) => type switch
        {
            string s => s == "file",
            JsonElement { ValueKind: JsonValueKind.String } e => e.ValueEquals("file"u8),
            _ => false,
        };
    }

    private static void WriteToolResult(Utf8JsonWriter writer, FunctionResultContent result, object? cacheControl)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "tool"u8);
        writer.WriteString("tool_call_id"u8, result.CallId);
        writer.WritePropertyName("content"u8);
        switch (result.Result)
        {
            case string s:
                writer.WriteStringValue(s);
                break;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                // AIFunction results arrive as JSON; a string result is sent as its text, not as a quoted JSON string.
                writer.WriteStringValue(element.GetString());
                break;
            case AIContent single:
                WriteToolResultParts(writer, [single]);
                break;
            case IEnumerable<AIContent> parts:
                WriteToolResultParts(writer, parts);
                break;
            case null when result.Exception is { } ex:
                writer.WriteStringValue("Error: " + ex.Message);
                break;
            default:
                WriteAsJsonString(writer, result.Result);
                break;
        }

        CacheControlWriter.Write(writer, cacheControl);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a tool result made of contents (an <see cref="AIFunction"/> may return <see cref="AIContent"/>s) as content parts:
    /// text, images, audio, video and documents as in a user message, so a screenshot reaches the model as an image rather than
    /// as the JSON of .NET objects (OpenRouter's own provider does the same: peer tests "multimodal tool result content
    /// (issue #181)"). Any other content is a text part holding its JSON.
    /// </summary>
    private static void WriteToolResultParts(Utf8JsonWriter writer, IEnumerable<AIContent> parts)
    {
        writer.WriteStartArray();
        foreach (AIContent part in parts)
        {
            if (!TryWritePart(writer, part, CacheControlWriter.Of(part.AdditionalProperties)))
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                writer.WritePropertyName("text"u8);
                WriteAsJsonString(writer, part);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes text as a <c>text</c> part and an image, audio, video or document as its part, with its prompt-cache breakpoint
    /// if any; <see langword="false"/> for any other content.
    /// </summary>
    private static bool TryWritePart(Utf8JsonWriter writer, AIContent content, object? cacheControl)
    {
        switch (content)
        {
            case TextContent text:
                WriteTextPart(writer, text.Text, cacheControl);
                return true;
            case DataContent or UriContent:
                MediaContentWriter.Write(writer, content, cacheControl);
                return true;
            default:
                return false;
        }
    }

    private static void WriteUserContent(Utf8JsonWriter writer, IList<AIContent> contents, object? messageCache)
    {
        if (contents.Count == 1 && contents[0] is TextContent single && messageCache is null && CacheControlWriter.Of(single.AdditionalProperties) is null)
        {
            writer.WriteStringValue(single.Text);
            return;
        }

        // A message-level breakpoint goes on the last text part (else the last part), as OpenRouter's own SDKs place it.
        int breakpoint = messageCache is null ? -1 : CacheControlWriter.MessageBreakpointIndex(contents, static c => c is DataContent or UriContent);
        writer.WriteStartArray();
        for (int i = 0; i < contents.Count; i++)
        {
            AIContent content = contents[i];
            object? cacheControl = CacheControlWriter.Of(content.AdditionalProperties) ?? (i == breakpoint ? messageCache : null);
            if (content is not FunctionResultContent && !TryWritePart(writer, content, cacheControl))
            {
                throw new ArgumentException(
                    $"OpenRouter user messages cannot carry {content.GetType().Name}; use text, DataContent or UriContent.");
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>A system or developer message with a prompt-cache breakpoint: its text parts as a parts array.</summary>
    private static void WriteTextParts(Utf8JsonWriter writer, IList<AIContent> contents, object? messageCache)
    {
        int breakpoint = messageCache is null ? -1 : CacheControlWriter.MessageBreakpointIndex(contents, static _ => false);
        writer.WriteStartArray();
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is TextContent text)
            {
                WriteTextPart(writer, text.Text, CacheControlWriter.Of(text.AdditionalProperties) ?? (i == breakpoint ? messageCache : null));
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteTextPart(Utf8JsonWriter writer, string text, object? cacheControl)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WriteString("text"u8, text);
        CacheControlWriter.Write(writer, cacheControl);
        writer.WriteEndObject();
    }

    /// <summary>The breakpoint of the last part that has one, for messages whose content is written as one string.</summary>
    private static object? LastPartCacheControl(IList<AIContent> contents)
    {
        for (int i = contents.Count - 1; i >= 0; i--)
        {
            if (CacheControlWriter.Of(contents[i].AdditionalProperties) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static string ConcatText(IList<AIContent> contents)
    {
        string? first = null;
        System.Text.StringBuilder? builder = null;
        foreach (AIContent content in contents)
        {
            if (content is TextContent { Text: { Length: > 0 } text })
            {
                if (first is null)
                {
                    first = text;
                }
                else
                {
                    (builder ??= new System.Text.StringBuilder(first)).Append(text);
                }
            }
        }

        return builder?.ToString() ?? first ?? string.Empty;
    }

    private static void WriteArguments(Utf8JsonWriter writer, IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            writer.WriteStringValue("{}"u8);
            return;
        }

        WriteAsJsonString(writer, arguments);
    }

    /// <summary>Writes <paramref name="value"/>'s JSON text as a JSON string, without materializing the text as a <see cref="string"/>.</summary>
    private static void WriteAsJsonString(Utf8JsonWriter writer, object? value)
    {
        using var buffer = new PooledBufferWriter(256);
        Utf8JsonWriter inner = JsonWriterCache.RentValueWriter(buffer);
        try
        {
            JsonValueWriter.Write(inner, value);
            inner.Flush();
        }
        finally
        {
            JsonWriterCache.ReturnValueWriter(inner);
        }

        writer.WriteStringValue(buffer.WrittenSpan);
    }
}
