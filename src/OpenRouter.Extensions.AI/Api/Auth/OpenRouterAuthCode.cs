using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>An authorization code created for the PKCE flow (from <c>POST /auth/keys/code</c>).</summary>
public sealed record OpenRouterAuthCode
{
    /// <summary>Gets the authorization code (<c>id</c>), to exchange with <see cref="OpenRouterAuthClient.ExchangeCodeAsync"/>.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the id of the application the code belongs to (<c>app_id</c>).</summary>
    [JsonConverter(typeof(OpenRouterWholeNumberConverter))]
    public long AppId { get; init; }

    /// <summary>Gets when the code was created (<c>created_at</c>).</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
