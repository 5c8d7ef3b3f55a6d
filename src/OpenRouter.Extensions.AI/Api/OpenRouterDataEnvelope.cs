namespace OpenRouter.Extensions.AI;

/// <summary>The <c>{"data": …}</c> wrapper OpenRouter puts around most REST answers.</summary>
/// <typeparam name="T">The type of <c>data</c>.</typeparam>
internal sealed class OpenRouterDataEnvelope<T>
{
    /// <summary>Gets or sets the payload (<c>data</c>).</summary>
    public T? Data { get; set; }
}
