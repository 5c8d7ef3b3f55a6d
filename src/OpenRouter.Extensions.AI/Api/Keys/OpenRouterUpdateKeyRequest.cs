namespace OpenRouter.Extensions.AI;

/// <summary>
/// Changes to an API key (body of <c>PATCH /keys/{hash}</c>). Only the properties that are set are sent; the others stay as they are.
/// </summary>
/// <remarks>
/// To remove the credit limit (send <c>"limit": null</c>), set <see cref="RemoveLimit"/>; to stop resets, set <see cref="RemoveLimitReset"/>.
/// </remarks>
public sealed record OpenRouterUpdateKeyRequest
{
    /// <summary>Gets the new name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets a value that disables (<see langword="true"/>) or enables (<see langword="false"/>) the key (<c>disabled</c>).</summary>
    public bool? Disabled { get; init; }

    /// <summary>Gets the new credit limit in US dollars (<c>limit</c>).</summary>
    public decimal? Limit { get; init; }

    /// <summary>Gets a value indicating whether the limit is removed (sends <c>"limit": null</c>). Cannot be combined with <see cref="Limit"/>.</summary>
    public bool RemoveLimit { get; init; }

    /// <summary>Gets how often the limit resets (<c>limit_reset</c>).</summary>
    public OpenRouterLimitReset? LimitReset { get; init; }

    /// <summary>Gets a value indicating whether limit resets stop (sends <c>"limit_reset": null</c>). Cannot be combined with <see cref="LimitReset"/>.</summary>
    public bool RemoveLimitReset { get; init; }

    /// <summary>Gets a value indicating whether BYOK usage counts toward the limit (<c>include_byok_in_limit</c>).</summary>
    public bool? IncludeByokInLimit { get; init; }
}
