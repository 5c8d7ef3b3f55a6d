namespace OpenRouter.Extensions.AI;

/// <summary>The answer to <c>DELETE /keys/{hash}</c>: <c>{"deleted": true}</c>.</summary>
internal sealed class OpenRouterDeleteKeyResponse
{
    /// <summary>Gets or sets a value indicating whether the key was deleted (<c>deleted</c>).</summary>
    public bool Deleted { get; set; }
}
