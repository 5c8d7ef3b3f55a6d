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
    ReadCommentHandling = JsonCommentHandling.Skip,
    MaxDepth = OpenRouterJson.MaxDepth,
    Converters = [typeof(WireDecimalConverter)])]
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
// Chat response wire model: the parts read by the serializer (the chunk types read themselves, Chat/WireJson.cs)
[JsonSerializable(typeof(WireUsage))]
[JsonSerializable(typeof(WireAnnotation))]
[JsonSerializable(typeof(WireImage))]
// Values the ChatOptions extensions put in AdditionalProperties (so OpenRouterJsonUtilities.DefaultOptions resolves them without reflection)
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
// Model catalog entries in a shared (distributed) cache
[JsonSerializable(typeof(CatalogCacheEntry<IReadOnlyList<OpenRouterModel?>>), TypeInfoPropertyName = "SharedModelList")]
[JsonSerializable(typeof(CatalogCacheEntry<OpenRouterModelEndpoints>), TypeInfoPropertyName = "SharedModelEndpoints")]
[JsonSerializable(typeof(OpenRouterWebSearchOptions))]
// Embeddings and images
[JsonSerializable(typeof(EmbeddingResponseWire))]
[JsonSerializable(typeof(ImageResponseWire))]
// REST API (Api/)
[JsonSerializable(typeof(OpenRouterParameter))]
[JsonSerializable(typeof(OpenRouterModality))]
[JsonSerializable(typeof(OpenRouterDataEnvelope<List<OpenRouterModel>>), TypeInfoPropertyName = "ModelListEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterModelEndpoints>), TypeInfoPropertyName = "ModelEndpointsEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<List<OpenRouterEndpoint>>), TypeInfoPropertyName = "EndpointListEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterModelParameters>), TypeInfoPropertyName = "ModelParametersEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<List<OpenRouterProvider>>), TypeInfoPropertyName = "ProviderListEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<List<OpenRouterApiKey>>), TypeInfoPropertyName = "ApiKeyListEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterApiKey>), TypeInfoPropertyName = "ApiKeyEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterCurrentKey>), TypeInfoPropertyName = "CurrentKeyEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterAuthCode>), TypeInfoPropertyName = "AuthCodeEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterGeneration>), TypeInfoPropertyName = "GenerationEnvelope")]
[JsonSerializable(typeof(OpenRouterDataEnvelope<OpenRouterCredits>), TypeInfoPropertyName = "CreditsEnvelope")]
[JsonSerializable(typeof(OpenRouterCreatedApiKey))]
[JsonSerializable(typeof(OpenRouterCreateKeyRequest))]
[JsonSerializable(typeof(OpenRouterDeleteKeyResponse))]
[JsonSerializable(typeof(OpenRouterAuthCodeRequest))]
[JsonSerializable(typeof(OpenRouterAuthExchangeRequest))]
[JsonSerializable(typeof(OpenRouterAuthKey))]
// end REST API (Api/)
internal sealed partial class OpenRouterJsonContext : JsonSerializerContext;
