using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Source-generated serialization metadata for every OpenRouter wire type (snake_case, nulls omitted when writing).
/// Every DTO of the library is registered here; no reflection-based serialization is used.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
// Core and chat
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(OpenRouterReasoning))]
[JsonSerializable(typeof(OpenRouterResponseFormat))]
[JsonSerializable(typeof(OpenRouterProviderRouting))]
[JsonSerializable(typeof(OpenRouterPlugin))]
[JsonSerializable(typeof(OpenRouterPlugin[]))]
internal sealed partial class OpenRouterJsonContext : JsonSerializerContext;
