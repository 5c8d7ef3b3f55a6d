using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>One entry of <c>tool_calls</c>, or a streamed fragment of one (fragments of one call share <see cref="Index"/>).</summary>
internal sealed class WireToolCall
{
    private static readonly WireStringCache TypeCache = new();

    public long? Index { get; set; }

    public string? Id { get; set; }

    public string? Type { get; set; }

    public WireFunction? Function { get; set; }

    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads a tool call; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireToolCall Read(ref Utf8JsonReader reader)
    {
        var call = new WireToolCall();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "index"u8))
            {
                call.Index = WireJson.Count(ref reader);
            }
            else if (WireJson.Member(ref reader, "id"u8))
            {
                call.Id = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, "type"u8))
            {
                call.Type = TypeCache.Read(ref reader);
            }
            else if (WireJson.Member(ref reader, "function"u8))
            {
                call.Function = WireJson.Object(ref reader, WireFunction.Read);
            }
            else
            {
                call.ExtensionData = WireJson.Unknown(ref reader, call.ExtensionData);
            }
        }

        return call;
    }
}

/// <summary>The <c>function</c> of a tool call.</summary>
internal sealed class WireFunction
{
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments as JSON text (a string on the wire; an object is kept as its JSON text).</summary>
    public string? Arguments { get; set; }

    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>Reads a function; the reader is on its <c>StartObject</c> and is left on its <c>EndObject</c>.</summary>
    public static WireFunction Read(ref Utf8JsonReader reader)
    {
        var function = new WireFunction();
        while (WireJson.NextMember(ref reader))
        {
            if (WireJson.Member(ref reader, "name"u8))
            {
                function.Name = WireJson.String(ref reader);
            }
            else if (WireJson.Member(ref reader, "arguments"u8))
            {
                function.Arguments = ReadArguments(ref reader);
            }
            else
            {
                function.ExtensionData = WireJson.Unknown(ref reader, function.ExtensionData);
            }
        }

        return function;
    }

    /// <summary><c>function.arguments</c>: a string of JSON; an object or array sent in its place is kept as its JSON text.</summary>
    /// <exception cref="JsonException">The arguments are neither a string nor JSON (a number, a boolean).</exception>
    private static string? ReadArguments(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                using (JsonDocument document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }

            default:
                throw new JsonException("tool_calls[].function.arguments must be a string.");
        }
    }
}
