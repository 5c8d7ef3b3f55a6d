using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The parameters of OpenRouter's <c>openrouter:web_search</c> server tool (<c>WebSearchConfig</c>). Put a
/// <see cref="HostedWebSearchTool"/> in <see cref="ChatOptions.Tools"/> to let the model search the web: a plain one searches with
/// OpenRouter's defaults, the one from <see cref="ToTool"/> with these parameters. The tool is sent next to any function tools;
/// OpenRouter runs the searches, and the sources come back as <c>url_citation</c> annotations.
/// </summary>
/// <remarks>
/// The parameters travel as the tool's <see cref="HostedWebSearchTool.AdditionalProperties"/>, one entry per wire name, so a
/// <c>new HostedWebSearchTool(new Dictionary&lt;string, object?&gt; { ["max_results"] = 3 })</c> is sent the same way.
/// </remarks>
public sealed class OpenRouterWebSearchOptions
{
    /// <summary>The <c>type</c> of the server tool on the wire, <c>openrouter:web_search</c>.</summary>
    public const string ServerToolType = "openrouter:web_search";

    /// <summary>Gets or sets <c>engine</c>: <c>auto</c> (default: the provider's native search if it has one, else Exa), <c>native</c>, <c>exa</c>, <c>parallel</c>, <c>firecrawl</c> or <c>perplexity</c>.</summary>
    [JsonPropertyName("engine")]
    public string? Engine { get; set; }

    /// <summary>Gets or sets <c>max_results</c>: results per search call (default 5).</summary>
    [JsonPropertyName("max_results")]
    public int? MaxResults { get; set; }

    /// <summary>Gets or sets <c>max_total_results</c>: results across all search calls of the request (default 50).</summary>
    [JsonPropertyName("max_total_results")]
    public int? MaxTotalResults { get; set; }

    /// <summary>Gets or sets <c>max_uses</c>: how many searches the model may run in one request.</summary>
    [JsonPropertyName("max_uses")]
    public int? MaxUses { get; set; }

    /// <summary>Gets or sets <c>max_characters</c>: content characters per result; wins over <see cref="SearchContextSize"/>.</summary>
    [JsonPropertyName("max_characters")]
    public int? MaxCharacters { get; set; }

    /// <summary>Gets or sets <c>search_context_size</c>: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    [JsonPropertyName("search_context_size")]
    public string? SearchContextSize { get; set; }

    /// <summary>Gets or sets <c>mode</c>, the engine's own search mode (Exa: <c>fast</c>, <c>deep</c>…; Parallel: <c>turbo</c>, <c>advanced</c>…).</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; set; }

    /// <summary>Gets or sets <c>allowed_domains</c>: only search these domains. Not together with <see cref="ExcludedDomains"/>.</summary>
    [JsonPropertyName("allowed_domains")]
    public IList<string>? AllowedDomains { get; set; }

    /// <summary>Gets or sets <c>excluded_domains</c>: never return results from these domains.</summary>
    [JsonPropertyName("excluded_domains")]
    public IList<string>? ExcludedDomains { get; set; }

    /// <summary>Gets or sets <c>user_location</c>, for location-biased results.</summary>
    [JsonPropertyName("user_location")]
    public OpenRouterWebSearchLocation? UserLocation { get; set; }

    /// <summary>Gets or sets parameters OpenRouter adds later, written as they are.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates the <see cref="HostedWebSearchTool"/> that carries these parameters.</summary>
    /// <returns>The tool, for <see cref="ChatOptions.Tools"/>.</returns>
    public HostedWebSearchTool ToTool()
    {
        JsonElement json = JsonSerializer.SerializeToElement(this, OpenRouterJsonContext.Default.OpenRouterWebSearchOptions);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (JsonProperty property in json.EnumerateObject())
        {
            parameters[property.Name] = property.Value;
        }

        return new HostedWebSearchTool(parameters);
    }
}

/// <summary>The approximate <c>user_location</c> of a web search.</summary>
public sealed class OpenRouterWebSearchLocation
{
    /// <summary>Gets the <c>type</c>, always <c>approximate</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; } = "approximate";

    /// <summary>Gets or sets <c>city</c>, e.g. <c>San Francisco</c>.</summary>
    [JsonPropertyName("city")]
    public string? City { get; set; }

    /// <summary>Gets or sets <c>region</c>, e.g. <c>California</c>.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; set; }

    /// <summary>Gets or sets <c>country</c>, a two-letter code such as <c>US</c>.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; set; }

    /// <summary>Gets or sets <c>timezone</c>, an IANA name such as <c>America/Los_Angeles</c>.</summary>
    [JsonPropertyName("timezone")]
    public string? Timezone { get; set; }
}
