using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>A user-controlled API key obtained by exchanging a PKCE authorization code (from <c>POST /auth/keys</c>).</summary>
/// <remarks><see cref="ToString"/> never prints <see cref="Key"/>.</remarks>
public sealed record OpenRouterAuthKey
{
    /// <summary>Gets the secret API key (<c>key</c>). Never printed by <see cref="ToString"/>.</summary>
    public string Key { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the id of the user who authorized the key (<c>user_id</c>).</summary>
    public string? UserId { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ").Append(string.IsNullOrEmpty(Key) ? "(empty)" : "(redacted)").Append(", UserId = ").Append(UserId);
        return true;
    }
}
