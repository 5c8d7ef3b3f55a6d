using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Writes <c>ChatGenerationParams</c> (the <c>/chat/completions</c> body) straight from MEAI messages and options with a
/// <see cref="Utf8JsonWriter"/>: no intermediate request object graph.
/// </summary>
/// <remarks>
/// Precedence for a field: a value set on the <see cref="OpenRouterChatRequest"/> returned by <c>RawRepresentationFactory</c>,
/// then the typed <see cref="ChatOptions"/> property, then <see cref="ChatOptions.AdditionalProperties"/> under the wire name.
/// Every other <c>AdditionalProperties</c> key is written as-is, so new OpenRouter parameters need no library release.
/// </remarks>
internal static class ChatRequestWriter
{
    /// <summary>Keys of <c>AdditionalProperties</c> that configure the request rather than being wire fields.</summary>
    internal const string StrictKey = "strict";

    private static readonly AIJsonSchemaTransformOptions StrictSchemaTransform = new()
    {
        DisallowAdditionalProperties = true,
        RequireAllProperties = true,
        MoveDefaultKeywordToDescription = true,
    };

    public static void Write(
        Utf8JsonWriter writer,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options,
        string modelId,
        bool stream,
        OpenRouterChatRequest? raw)
    {
        IDictionary<string, object?>? rawFields = raw?.Fields;
        AdditionalPropertiesDictionary? extra = options?.AdditionalProperties;

        writer.WriteStartObject();

        if (rawFields?.ContainsKey("model") != true)
        {
            writer.WriteString("model"u8, modelId);
        }

        writer.WritePropertyName("messages"u8);
        ChatMessageWriter.WriteMessages(writer, messages, options?.Instructions);

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
            if (rawFields?.ContainsKey("stream_options") != true && extra?.ContainsKey("stream_options") != true)
            {
                writer.WriteStartObject("stream_options"u8);
                writer.WriteBoolean("include_usage"u8, true);
                writer.WriteEndObject();
            }
        }

        if (options is not null)
        {
            WriteNumber(writer, "temperature", options.Temperature, rawFields);
            WriteNumber(writer, "top_p", options.TopP, rawFields);
            WriteNumber(writer, "top_k", options.TopK, rawFields);
            WriteNumber(writer, "frequency_penalty", options.FrequencyPenalty, rawFields);
            WriteNumber(writer, "presence_penalty", options.PresencePenalty, rawFields);
            WriteNumber(writer, "max_tokens", options.MaxOutputTokens, rawFields);
            if (options.Seed is { } seed && rawFields?.ContainsKey("seed") != true)
            {
                writer.WriteNumber("seed"u8, seed);
            }

            if (options.StopSequences is { Count: > 0 } stop && rawFields?.ContainsKey("stop") != true)
            {
                writer.WriteStartArray("stop"u8);
                foreach (string s in stop)
                {
                    writer.WriteStringValue(s);
                }

                writer.WriteEndArray();
            }

            WriteTools(writer, options, rawFields);

            if (options.ResponseFormat is { } format && rawFields?.ContainsKey("response_format") != true)
            {
                writer.WritePropertyName("response_format"u8);
                WriteResponseFormat(writer, format, extra);
            }

            if (rawFields?.ContainsKey("reasoning") != true &&
                OpenRouterReasoning.Combine(options.Reasoning, extra is not null && extra.TryGetValue("reasoning", out object? r) ? r : null) is { } reasoning)
            {
                writer.WritePropertyName("reasoning"u8);
                JsonSerializer.Serialize(writer, reasoning, OpenRouterJsonContext.Default.OpenRouterReasoning);
            }

            if (extra is not null)
            {
                foreach (KeyValuePair<string, object?> pair in extra)
                {
                    if (rawFields?.ContainsKey(pair.Key) != true && !IsTakenByTypedOption(pair.Key, options, stream))
                    {
                        JsonValueWriter.WriteField(writer, pair, "ChatOptions.AdditionalProperties");
                    }
                }
            }
        }

        if (rawFields is not null)
        {
            foreach (KeyValuePair<string, object?> pair in rawFields)
            {
                if (pair.Key is not "messages" and not "stream")
                {
                    JsonValueWriter.WriteField(writer, pair, "OpenRouterChatRequest.Fields");
                }
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the request to a pooled buffer; the caller returns it with <see cref="PooledBufferWriter.Dispose"/>.</summary>
    public static PooledBufferWriter WriteToBuffer(IEnumerable<ChatMessage> messages, ChatOptions? options, string modelId, bool stream, OpenRouterChatRequest? raw) =>
        JsonWriterCache.WriteRequest((messages, options, modelId, stream, raw), static (writer, s) => Write(writer, s.messages, s.options, s.modelId, s.stream, s.raw));

    /// <summary>
    /// Whether the options carry at least one tool OpenRouter understands: a function, or <see cref="HostedWebSearchTool"/>
    /// (the <c>openrouter:web_search</c> server tool). Other tool kinds have no OpenRouter equivalent and are not sent.
    /// </summary>
    private static bool HasWireTools(ChatOptions options)
    {
        if (options.Tools is { Count: > 0 } tools)
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

    /// <summary>Whether an <c>AdditionalProperties</c> key is already written from a typed option (typed options win) or is a setting, not a field.</summary>
    private static bool IsTakenByTypedOption(string key, ChatOptions options, bool stream) => key switch
    {
        "model" or "messages" or "stream" or "reasoning" or StrictKey => true,
        "stream_options" => !stream,
        "temperature" => options.Temperature is not null,
        "top_p" => options.TopP is not null,
        "top_k" => options.TopK is not null,
        "frequency_penalty" => options.FrequencyPenalty is not null,
        "presence_penalty" => options.PresencePenalty is not null,
        "max_tokens" => options.MaxOutputTokens is not null,
        "seed" => options.Seed is not null,
        "stop" => options.StopSequences is { Count: > 0 },
        "tools" => HasWireTools(options),
        "tool_choice" => options.ToolMode is not null && HasWireTools(options),
        "parallel_tool_calls" => options.AllowMultipleToolCalls is not null && HasWireTools(options),
        "response_format" => options.ResponseFormat is not null,
        _ => false,
    };

    private static void WriteNumber(Utf8JsonWriter writer, string name, float? value, IDictionary<string, object?>? rawFields)
    {
        if (value is { } v && rawFields?.ContainsKey(name) != true)
        {
            // Utf8JsonWriter writes a float's shortest round-trip text (0.7, not 0.699999988) and refuses NaN and infinities.
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"ChatOptions: {name} must be a finite number; got {v}.", nameof(value));
            }

            writer.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value, IDictionary<string, object?>? rawFields)
    {
        if (value is { } v && rawFields?.ContainsKey(name) != true)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatOptions options, IDictionary<string, object?>? rawFields)
    {
        if (!HasWireTools(options))
        {
            return;
        }

        IList<AITool> tools = options.Tools!;

        if (rawFields?.ContainsKey("tools") != true)
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

        if (options.ToolMode is { } mode && rawFields?.ContainsKey("tool_choice") != true)
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

        if (options.AllowMultipleToolCalls is { } parallel && rawFields?.ContainsKey("parallel_tool_calls") != true)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, parallel);
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

    private static void WriteResponseFormat(Utf8JsonWriter writer, ChatResponseFormat format, AdditionalPropertiesDictionary? extra)
    {
        writer.WriteStartObject();
        switch (format)
        {
            case ChatResponseFormatJson { Schema: { } schema } json:
                writer.WriteString("type"u8, "json_schema"u8);
                writer.WriteStartObject("json_schema"u8);
                writer.WriteString("name"u8, string.IsNullOrWhiteSpace(json.SchemaName) ? OpenRouterResponseFormat.DefaultSchemaName : json.SchemaName);
                if (!string.IsNullOrEmpty(json.SchemaDescription))
                {
                    writer.WriteString("description"u8, json.SchemaDescription);
                }

                bool? strict = extra is not null && extra.TryGetValue(StrictKey, out object? strictValue) ? ToBoolean(strictValue) : null;
                writer.WritePropertyName("schema"u8);
                if (strict == true)
                {
                    // Strict mode (OpenAI's rules, which OpenRouter forwards) needs every property required and no extra properties.
                    AIJsonUtilities.TransformSchema(schema, StrictSchemaTransform).WriteTo(writer);
                }
                else
                {
                    schema.WriteTo(writer);
                }

                if (strict is { } s)
                {
                    writer.WriteBoolean("strict"u8, s);
                }

                writer.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                writer.WriteString("type"u8, "json_object"u8);
                break;
            default:
                writer.WriteString("type"u8, "text"u8);
                break;
        }

        writer.WriteEndObject();
    }

    private static bool? ToBoolean(object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out bool parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
