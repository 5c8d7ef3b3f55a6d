using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Writes <see cref="ChatOptions.Tools"/> as OpenRouter's <c>tools</c> array and <see cref="ChatOptions.ToolMode"/> as <c>tool_choice</c>.</summary>
internal static class ChatToolWriter
{
    /// <summary>Whether the options carry tools: every tool is either written or refused (<see cref="WriteTools"/>), never dropped silently.</summary>
    public static bool HasWireTools(ChatOptions? options) => options?.Tools is { Count: > 0 };

    /// <summary>
    /// Whether OpenRouter has an equivalent of <paramref name="tool"/>: a function, a server tool (<see cref="OpenRouterServerTool"/>),
    /// or MEAI's <see cref="HostedWebSearchTool"/> and <see cref="HostedImageGenerationTool"/>.
    /// </summary>
    public static bool CanSend(AITool tool) => tool is AIFunctionDeclaration or HostedWebSearchTool or OpenRouterServerTool or HostedImageGenerationTool;

    /// <summary>A description of a tool for messages: its type and name.</summary>
    public static string Describe(AITool tool) => $"{tool.GetType().Name} '{tool.Name}'";

    /// <exception cref="NotSupportedException">A tool has no OpenRouter equivalent; nothing has been sent.</exception>
    public static void WriteTools(Utf8JsonWriter writer, IList<AITool> tools)
    {
        writer.WriteStartArray("tools"u8);
        foreach (AITool tool in tools)
        {
            switch (tool)
            {
                case AIFunctionDeclaration function:
                    WriteFunction(writer, function);
                    break;
                case HostedWebSearchTool webSearch:
                    WriteServerTool(writer, OpenRouterWebSearchOptions.ServerToolType, webSearch.AdditionalProperties, "HostedWebSearchTool.AdditionalProperties");
                    break;
                case OpenRouterServerTool server:
                    WriteServerTool(writer, server.Type, server.Parameters, "OpenRouterServerTool.Parameters");
                    break;
                case HostedImageGenerationTool image:
                    WriteImageGenerationTool(writer, image);
                    break;
                default:
                    throw new NotSupportedException(
                        $"ChatOptions.Tools contains {Describe(tool)}, which OpenRouter has no equivalent for; nothing was sent. Remove it, " +
                        "use OpenRouterServerTool for an OpenRouter server tool, or OpenRouterCapabilityCheck.Drop to drop such tools with a warning.");
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
    /// Writes a function tool; its <c>AdditionalProperties</c> give <c>strict</c> (on the function) and <c>cache_control</c>
    /// (on the tool, a prompt-cache breakpoint after the tool definitions).
    /// </summary>
    private static void WriteFunction(Utf8JsonWriter writer, AIFunctionDeclaration function)
    {
        IReadOnlyDictionary<string, object?> properties = function.AdditionalProperties;
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
        if (properties.Count > 0 && properties.TryGetValue(ChatRequestFields.Strict.Name, out object? strict) && strict is not null)
        {
            JsonValueWriter.WriteField(writer, new(ChatRequestFields.Strict.Name, strict), "AIFunctionDeclaration.AdditionalProperties");
        }

        writer.WriteEndObject();
        if (properties.Count > 0 && properties.TryGetValue(OpenRouterPromptCachingExtensions.CacheControlKey, out object? cacheControl) && cacheControl is not null)
        {
            JsonValueWriter.WriteField(writer, new(OpenRouterPromptCachingExtensions.CacheControlKey, cacheControl), "AIFunctionDeclaration.AdditionalProperties");
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a server tool, <c>{"type":…,"parameters":{…}}</c>, each parameter under its wire name; no <c>parameters</c> when there are none.</summary>
    private static void WriteServerTool(Utf8JsonWriter writer, string type, IEnumerable<KeyValuePair<string, object?>>? parameters, string source)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        if (parameters is not null && parameters.Any())
        {
            writer.WriteStartObject("parameters"u8);
            foreach (KeyValuePair<string, object?> pair in parameters)
            {
                JsonValueWriter.WriteField(writer, pair, source);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes MEAI's <see cref="HostedImageGenerationTool"/> as <c>openrouter:image_generation</c>: <c>Options.ModelId</c> → <c>model</c>,
    /// <c>Options.ImageSize</c> → <c>size</c>, <c>Options.MediaType</c> → <c>output_format</c>, then <c>Options.AdditionalProperties</c>
    /// (<c>quality</c>, <c>aspect_ratio</c>, <c>background</c>, …) and the tool's own <c>AdditionalProperties</c> under their names.
    /// </summary>
    private static void WriteImageGenerationTool(Utf8JsonWriter writer, HostedImageGenerationTool tool)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (tool.Options is { } options)
        {
            if (options.ModelId is { } model)
            {
                parameters["model"] = model;
            }

            if (options.ImageSize is { } size)
            {
                parameters["size"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}");
            }

            if (ImageOutputFormat.Of(options.MediaType) is { } format)
            {
                parameters["output_format"] = format;
            }

            if (options.AdditionalProperties is { } extra)
            {
                foreach (KeyValuePair<string, object?> pair in extra)
                {
                    parameters[pair.Key] = pair.Value;
                }
            }
        }

        foreach (KeyValuePair<string, object?> pair in tool.AdditionalProperties)
        {
            parameters[pair.Key] = pair.Value;
        }

        WriteServerTool(writer, OpenRouterServerTool.ImageGeneration, parameters, "HostedImageGenerationTool");
    }
}
