using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// The answer to creating an API key (<c>POST /keys</c>): the key's details and the secret key, which OpenRouter returns only this once.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> (and so any log of this record) never prints <see cref="Key"/>; store the secret yourself.
/// </remarks>
public sealed record OpenRouterCreatedApiKey
{
    /// <summary>Gets the new key's details (<c>data</c>).</summary>
    public OpenRouterApiKey Data { get; init; } = new();

    /// <summary>Gets the secret API key (<c>key</c>), such as <c>sk-or-v1-…</c>. Shown only once; never printed by <see cref="ToString"/>.</summary>
    public string Key { get; init => field = value ?? string.Empty; } = string.Empty;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Data = ").Append(Data).Append(", Key = ").Append(string.IsNullOrEmpty(Key) ? "(empty)" : "(redacted)");
        return true;
    }
}
