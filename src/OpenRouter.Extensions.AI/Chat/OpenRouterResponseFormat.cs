using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// OpenRouter's <c>response_format</c>, including the formats MEAI's <c>ChatResponseFormat</c> cannot express
/// (<c>grammar</c>, <c>python</c>) and a strict JSON schema. Set it with <see cref="OpenRouterChatOptionsExtensions.WithResponseFormat"/>;
/// <c>ChatOptions.ResponseFormat</c>, when set, wins.
/// </summary>
public sealed class OpenRouterResponseFormat
{
    /// <summary>The schema name sent when a JSON schema has none: <c>response</c>.</summary>
    public const string DefaultSchemaName = "response";

    /// <summary>Gets or sets <c>type</c>: <c>text</c>, <c>json_object</c>, <c>json_schema</c>, <c>grammar</c> or <c>python</c>.</summary>
    public required string Type { get; set; }

    /// <summary>Gets or sets <c>json_schema</c> when <see cref="Type"/> is <c>json_schema</c>.</summary>
    public OpenRouterJsonSchema? JsonSchema { get; set; }

    /// <summary>Gets or sets <c>grammar</c>, the grammar text, when <see cref="Type"/> is <c>grammar</c>.</summary>
    public string? Grammar { get; set; }

    /// <summary>Creates <c>{"type":"grammar","grammar":…}</c>: output constrained by a grammar (e.g. Lark or GBNF, as the provider supports).</summary>
    /// <param name="grammar">The grammar text.</param>
    /// <returns>The format.</returns>
    public static OpenRouterResponseFormat ForGrammar(string grammar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grammar);
        return new() { Type = "grammar", Grammar = grammar };
    }

    /// <summary>Gets <c>{"type":"python"}</c>: output constrained to Python code.</summary>
    public static OpenRouterResponseFormat Python => new() { Type = "python" };

    /// <summary>Creates a JSON-schema format with an explicit <c>strict</c> flag.</summary>
    /// <param name="schema">The JSON schema.</param>
    /// <param name="name">The schema name; <see cref="DefaultSchemaName"/> when <see langword="null"/>.</param>
    /// <param name="description">The schema description.</param>
    /// <param name="strict">Whether the provider must follow the schema exactly.</param>
    /// <returns>The format.</returns>
    public static OpenRouterResponseFormat ForJsonSchema(JsonElement schema, string? name = null, string? description = null, bool? strict = true) =>
        new() { Type = "json_schema", JsonSchema = new() { Name = name ?? DefaultSchemaName, Description = description, Schema = schema, Strict = strict } };
}

/// <summary>The <c>json_schema</c> member of a JSON-schema response format.</summary>
public sealed class OpenRouterJsonSchema
{
    /// <summary>Gets or sets <c>name</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Gets or sets <c>description</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets <c>schema</c>.</summary>
    public JsonElement? Schema { get; set; }

    /// <summary>Gets or sets <c>strict</c>.</summary>
    public bool? Strict { get; set; }

    /// <summary>Gets or sets fields OpenRouter adds later.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
