using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Writes <see cref="ChatOptions.Tools"/> as OpenRouter's <c>tools</c> array and <see cref="ChatOptions.ToolMode"/> as <c>tool_choice</c>.</summary>
internal static class ChatToolWriter
{
    /// <summary>
    /// Whether the options carry at least one tool OpenRouter understands: a function, or <see cref="HostedWebSearchTool"/>
    /// (the <c>openrouter:web_search</c> server tool). Other tool kinds have no OpenRouter equivalent and are not sent.
    /// </summary>
    public static bool HasWireTools(ChatOptions? options)
    {
        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (AITool tool in tools)
            {
                if (tool is AIFunctionDeclaration or HostedWebSearchTool)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static void WriteTools(Utf8JsonWriter writer, IList<AITool> tools)
    {
        writer.WriteStartArray("tools"u8);
        foreach (AITool tool in tools)
        {
            if (tool is HostedWebSearchTool webSearch)
            {
                WriteWebSearchTool(writer, webSearch);
            }
            else if (tool is AIFunctionDeclaration function)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, function.Name);
                if (!string.IsNullOrEmpty(function.Description))
                {
                    writer.WriteString("description"u8, function.Description);
                }

                writer.WritePropertyName("parameters"u8);
                function.JsonSchema.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    public static void WriteToolChoice(Utf8JsonWriter writer, ChatToolMode mode)
    {
        switch (mode)
        {
            case NoneChatToolMode:
                writer.WriteString("tool_choice"u8, "none"u8);
                break;
            case AutoChatToolMode:
                writer.WriteString("tool_choice"u8, "auto"u8);
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                writer.WriteStartObject("tool_choice"u8);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, name);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case RequiredChatToolMode:
                writer.WriteString("tool_choice"u8, "required"u8);
                break;
        }
    }

    /// <summary>
    /// Writes OpenRouter's web search server tool, <c>{"type":"openrouter:web_search","parameters":{…}}</c>; each entry of the tool's
    /// <c>AdditionalProperties</c> is a parameter under its wire name (see <see cref="OpenRouterWebSearchOptions"/>).
    /// </summary>
    private static void WriteWebSearchTool(Utf8JsonWriter writer, HostedWebSearchTool tool)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, OpenRouterWebSearchOptions.ServerToolType);
        if (tool.AdditionalProperties is { Count: > 0 } parameters)
        {
            writer.WriteStartObject("parameters"u8);
            foreach (KeyValuePair<string, object?> pair in parameters)
            {
                JsonValueWriter.WriteField(writer, pair, "HostedWebSearchTool.AdditionalProperties");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
