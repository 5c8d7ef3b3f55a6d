using System.Security.Cryptography;
using System.Text;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Gives the tool calls of one answer ids that tell them apart. Some providers send every parallel call with the same id
/// (<c>call_0</c>, <c>call_0</c>) or with an empty one, and then the results cannot be matched to their calls. The rule is
/// that of OpenRouter's own provider (OpenRouterTeam/ai-sdk-provider, src/chat/index.test.ts: "should generate unique
/// toolCallIds when provider returns duplicate IDs", "... returns empty string IDs", "should preserve valid unique tool
/// call IDs from the provider", and the streaming tests of the same names): a provider id is kept the first time it
/// appears; a repeated or blank one is replaced by a generated id.
/// </summary>
/// <remarks>
/// The generated id is ours: <c>call_</c> and 24 hex digits of a SHA-256 of the generation id and the call's position, so the
/// JSON answer and the stream of the same generation give the same ids, ids of different generations differ, and the id
/// stays short and of the characters every provider accepts (<c>[a-zA-Z0-9_]</c>, at most 40 of them). Without a
/// generation id it is random.
/// </remarks>
internal static class ToolCallIds
{
    /// <summary>Returns the id of the call at <paramref name="position"/> of an answer, given its provider id.</summary>
    /// <param name="id">The id the provider sent.</param>
    /// <param name="position">The call's position among the answer's tool calls.</param>
    /// <param name="count">The number of tool calls of the answer.</param>
    /// <param name="generationId">The generation id of the answer.</param>
    /// <param name="used">The ids given to the answer's earlier calls; created on first use (not for a single call with an id).</param>
    public static string Assign(string? id, int position, int count, string? generationId, ref HashSet<string>? used)
    {
        if (count == 1 && !string.IsNullOrWhiteSpace(id))
        {
            return id; // the usual case, without a set (ReasoningToolStreamBenchmarks)
        }

        used ??= new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(id) && used.Add(id))
        {
            return id;
        }

        for (int attempt = 0; ; attempt++)
        {
            string generated = Generate(generationId, position, attempt);
            if (used.Add(generated))
            {
                return generated;
            }
        }
    }

    private static string Generate(string? generationId, int position, int attempt)
    {
        if (generationId is null)
        {
            return "call_" + Guid.NewGuid().ToString("N")[..24];
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{generationId}\n{position}\n{attempt}")));
        return "call_" + Convert.ToHexString(hash, 0, 12).ToLowerInvariant();
    }
}
