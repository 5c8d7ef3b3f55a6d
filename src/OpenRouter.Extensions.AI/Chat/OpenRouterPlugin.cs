using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>An entry of OpenRouter's <c>plugins</c> list, such as web search or the PDF file parser.</summary>
public sealed class OpenRouterPlugin
{
    /// <summary>Gets or sets <c>id</c>: <c>web</c>, <c>file-parser</c>, <c>response-healing</c>, …</summary>
    public required string Id { get; set; }

    /// <summary>Gets or sets <c>max_results</c> (web search).</summary>
    public int? MaxResults { get; set; }

    /// <summary>Gets or sets <c>search_prompt</c> (web search).</summary>
    public string? SearchPrompt { get; set; }

    /// <summary>Gets or sets <c>engine</c> (web search: <c>native</c> or <c>exa</c>).</summary>
    public string? Engine { get; set; }

    /// <summary>Gets or sets <c>pdf</c> (file parser).</summary>
    public OpenRouterPdfOptions? Pdf { get; set; }

    /// <summary>Gets or sets fields of other plugins, written as they are.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates the web search plugin, <c>{"id":"web",…}</c>.</summary>
    /// <param name="maxResults">How many results to add to the prompt.</param>
    /// <param name="searchPrompt">The text that introduces the results.</param>
    /// <returns>The plugin.</returns>
    public static OpenRouterPlugin Web(int? maxResults = null, string? searchPrompt = null) =>
        new() { Id = "web", MaxResults = maxResults, SearchPrompt = searchPrompt };

    /// <summary>Creates the file parser plugin, <c>{"id":"file-parser","pdf":{"engine":…}}</c>.</summary>
    /// <param name="pdfEngine">The PDF engine: <c>pdf-text</c>, <c>mistral-ocr</c> or <c>native</c>.</param>
    /// <returns>The plugin.</returns>
    public static OpenRouterPlugin FileParser(string pdfEngine) =>
        new() { Id = "file-parser", Pdf = new OpenRouterPdfOptions { Engine = pdfEngine } };
}

/// <summary>The <c>pdf</c> settings of the file parser plugin.</summary>
public sealed class OpenRouterPdfOptions
{
    /// <summary>Gets or sets <c>engine</c>: <c>pdf-text</c>, <c>mistral-ocr</c> or <c>native</c>.</summary>
    public string? Engine { get; set; }
}
