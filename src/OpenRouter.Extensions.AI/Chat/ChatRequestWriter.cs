using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Writes <c>ChatGenerationParams</c> (the <c>/chat/completions</c> body) straight from MEAI messages and options with a
/// <see cref="Utf8JsonWriter"/>: no intermediate request object graph. What it writes is what <see cref="ChatRequestView"/>
/// resolves from the one table of request fields, <see cref="ChatRequestFields"/> (which also states the precedence rule).
/// </summary>
internal static class ChatRequestWriter
{
    private static readonly AIJsonSchemaTransformOptions StrictSchemaTransform = new()
    {
        DisallowAdditionalProperties = true,
        RequireAllProperties = true,
        MoveDefaultKeywordToDescription = true,
    };

    public static void Write(Utf8JsonWriter writer, in ChatRequestView request)
    {
        writer.WriteStartObject();

        // 1. Typed values, in table order, where the precedence rule picks them.
        foreach (ChatRequestField field in ChatRequestFields.Typed)
        {
            if (request.SourceOf(field) == RequestFieldSource.Typed)
            {
                field.WriteTyped!(writer, in request);
            }
        }

        // 2. AdditionalProperties: unknown keys as they are, and the rows they are the winning source of.
        if (request.AdditionalProperties is { } extra)
        {
            foreach (KeyValuePair<string, object?> pair in extra)
            {
                if (request.WritesAdditionalProperty(pair.Key))
                {
                    JsonValueWriter.WriteField(writer, pair, "ChatOptions.AdditionalProperties");
                }
            }
        }

        // 3. The raw request's fields win over everything but the client's own (messages, stream).
        if (request.RawFields is { } rawFields)
        {
            foreach (KeyValuePair<string, object?> pair in rawFields)
            {
                if (ChatRequestFields.Find(pair.Key)?.Kind is not RequestFieldKind.Reserved)
                {
                    JsonValueWriter.WriteField(writer, pair, "OpenRouterChatRequest.Fields");
                }
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the request to a pooled buffer; the caller returns it with <see cref="PooledBufferWriter.Dispose"/>.</summary>
    public static PooledBufferWriter WriteToBuffer(in ChatRequestView request) =>
        JsonWriterCache.WriteRequest(request, static (writer, r) => Write(writer, in r));

    public static void WriteResponseFormat(Utf8JsonWriter writer, ChatResponseFormat format, AdditionalPropertiesDictionary? extra)
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

                bool? strict = extra is not null && extra.TryGetValue(ChatRequestFields.Strict.Name, out object? strictValue) ? ToBoolean(strictValue) : null;
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
