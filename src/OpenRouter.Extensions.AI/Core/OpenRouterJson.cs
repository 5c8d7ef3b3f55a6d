namespace OpenRouter.Extensions.AI;

/// <summary>The JSON limits shared by every reader of the package.</summary>
internal static class OpenRouterJson
{
    /// <summary>
    /// The one nesting limit for every JSON the library reads (chat answers in both modes, stream events, REST answers,
    /// error bodies): 256 levels, four times System.Text.Json's default of 64, because tool arguments and structured
    /// output nest deeply. Deeper input is a malformed answer (<see cref="OpenRouterException"/>).
    /// </summary>
    public const int MaxDepth = 256;
}
