namespace OpenRouter.Extensions.AI;

/// <summary>An upstream provider (from <c>GET /providers</c>).</summary>
public sealed record OpenRouterProvider
{
    /// <summary>Gets the display name (<c>name</c>), as used in <see cref="OpenRouterEndpoint.ProviderName"/>.</summary>
    public string Name { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the slug used in provider routing preferences (<c>slug</c>).</summary>
    public string Slug { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the address of the provider's privacy policy (<c>privacy_policy_url</c>).</summary>
    public string? PrivacyPolicyUrl { get; init; }

    /// <summary>Gets the address of the provider's terms of service (<c>terms_of_service_url</c>).</summary>
    public string? TermsOfServiceUrl { get; init; }

    /// <summary>Gets the address of the provider's status page (<c>status_page_url</c>).</summary>
    public string? StatusPageUrl { get; init; }
}
