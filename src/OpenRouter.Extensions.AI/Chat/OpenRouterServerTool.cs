using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// One of OpenRouter's server tools (<c>openrouter:datetime</c>, <c>openrouter:web_fetch</c>, <c>openrouter:image_generation</c>, …),
/// which OpenRouter runs itself while the model answers. Put it in <see cref="ChatOptions.Tools"/>; it is written as
/// <c>{"type":…,"parameters":{…}}</c> next to any function tools.
/// </summary>
/// <remarks>
/// MEAI's own hosted tools map without this type: <see cref="HostedWebSearchTool"/> to <c>openrouter:web_search</c> and
/// <see cref="HostedImageGenerationTool"/> to <c>openrouter:image_generation</c>. The loop of server-tool calls is bounded
/// by <see cref="OpenRouterChatOptionsExtensions.WithMaxToolCalls"/> and <see cref="OpenRouterChatOptionsExtensions.WithStopServerToolsWhen"/>.
/// </remarks>
public class OpenRouterServerTool : AITool
{
    /// <summary>The <c>openrouter:datetime</c> type.</summary>
    public const string DateTime = "openrouter:datetime";

    /// <summary>The <c>openrouter:web_fetch</c> type.</summary>
    public const string WebFetch = "openrouter:web_fetch";

    /// <summary>The <c>openrouter:image_generation</c> type.</summary>
    public const string ImageGeneration = "openrouter:image_generation";

    /// <summary>Initializes a new instance of the <see cref="OpenRouterServerTool"/> class.</summary>
    /// <param name="type">The tool's <c>type</c>, e.g. <c>openrouter:datetime</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is <see langword="null"/>, empty or blank.</exception>
    public OpenRouterServerTool(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
    }

    /// <summary>Gets the tool's <c>type</c>.</summary>
    public string Type { get; }

    /// <summary>Gets or sets the tool's <c>parameters</c>, by wire name (values of any shape JSON can hold); not written when empty.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Settable so a whole parameter set can be assigned, as the issue's API asks.")]
    public IDictionary<string, object?> Parameters { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Name => Type;
}
