using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>The settings of a new API key (body of <c>POST /keys</c>).</summary>
public sealed record OpenRouterCreateKeyRequest
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="name">The key's name.</param>
    public OpenRouterCreateKeyRequest(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the key's name (<c>name</c>).</summary>
    public string Name { get; init; }

    /// <summary>Gets the credit limit in US dollars (<c>limit</c>); <see langword="null"/> for no limit.</summary>
    public decimal? Limit { get; init; }

    /// <summary>Gets how often the limit resets (<c>limit_reset</c>); <see langword="null"/> for never.</summary>
    public OpenRouterLimitReset? LimitReset { get; init; }

    /// <summary>Gets a value indicating whether BYOK usage counts toward the limit (<c>include_byok_in_limit</c>); <see langword="null"/> for the server default.</summary>
    public bool? IncludeByokInLimit { get; init; }
}
