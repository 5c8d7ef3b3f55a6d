using System.Text;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The JSON of an OpenRouter answer exactly as it was received, kept as the <c>RawRepresentation</c> of a response so that a
/// member this library does not map can still be read. It is parsed only when <see cref="Element"/> is first read.
/// </summary>
/// <remarks>
/// Keeping the bytes costs one copy of the body; parsing them into a <see cref="JsonElement"/> for every answer, whether or
/// not anyone reads it, cost a second parse of every JSON answer (bench/README.md). Members OpenRouter adds are in the
/// response's <c>AdditionalProperties</c> under their wire names already; this is for everything else.
/// </remarks>
public sealed class OpenRouterRawJson
{
    /// <summary>The parsed element, boxed: a reference is published atomically, so concurrent readers never see half of one.</summary>
    private object? _element;

    internal OpenRouterRawJson(byte[] utf8Json) => Utf8Json = utf8Json;

    /// <summary>Gets the UTF-8 JSON as received.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>Gets the JSON as a <see cref="JsonElement"/>, parsed on first use (and kept).</summary>
    /// <exception cref="JsonException">The JSON cannot be parsed with System.Text.Json's default options (the library reads comments and trailing commas too).</exception>
    public JsonElement Element => (JsonElement)(_element ??= Parse(Utf8Json));

    /// <summary>Returns the JSON text.</summary>
    /// <returns>The JSON, decoded from UTF-8.</returns>
    public override string ToString() => Encoding.UTF8.GetString(Utf8Json.Span);

    private static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = OpenRouterJson.MaxDepth,
        });
        return document.RootElement.Clone();
    }
}
