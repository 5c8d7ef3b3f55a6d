using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenRouter.SemanticKernel.Tests.Infrastructure;

internal static class Json
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Re-indents a JSON document for readable snapshots.</summary>
    public static string Pretty(string json) => JsonNode.Parse(json)!.ToJsonString(Indented);
}
