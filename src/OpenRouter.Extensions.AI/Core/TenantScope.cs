using System.Security.Cryptography;
using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Whom a client talks to and as whom, in the form that goes into cache keys: a hash of the endpoint and a hash of the
/// API key, never the key itself (nor an endpoint's user info).
/// </summary>
/// <remarks>
/// Many tenants share one process (one keyed client per customer key over one cache): whatever a client caches is keyed by
/// <see cref="EndpointId"/> when it is public (the model list), and also by <see cref="ApiKeyId"/> when it was fetched with
/// the key (chat and embedding answers). The hashes are SHA-256, hex: the key cannot be read back from a cache key, and two
/// keys or endpoints never share one.
/// </remarks>
internal sealed class TenantScope
{
    /// <summary>Initializes a new instance for a normalized endpoint and the API key the client sends (if any).</summary>
    public TenantScope(Uri endpoint, string? apiKey)
    {
        EndpointId = Hash("endpoint", endpoint.AbsoluteUri);
        ApiKeyId = string.IsNullOrWhiteSpace(apiKey) ? null : Hash("api-key", apiKey.Trim());
    }

    /// <summary>Gets a hash of the API base address (32 hex digits): the scope of public data such as <c>/models</c>.</summary>
    public string EndpointId { get; }

    /// <summary>Gets a hash of the API key (32 hex digits), or <see langword="null"/> for a client without a key.</summary>
    public string? ApiKeyId { get; }

    /// <summary>The first 128 bits of SHA-256 over a purpose label and the value, in hex.</summary>
    private static string Hash(string purpose, string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"openrouter-{purpose}\n{value}"), hash);
        return Convert.ToHexString(hash[..16]);
    }
}
