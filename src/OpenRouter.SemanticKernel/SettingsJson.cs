using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;
using OpenRouter.Extensions.AI;

namespace OpenRouter.SemanticKernel;

/// <summary>
/// Source-generated metadata for <see cref="OpenRouterPromptExecutionSettings"/> (snake_case like the OpenRouter models).
/// The one exception to "one context per library": the core package's context cannot know this package's types, so the
/// Semantic Kernel package has its own, for this single type; the OpenRouter models inside it are the core's types.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(OpenRouterPromptExecutionSettings))]
internal sealed partial class OpenRouterSemanticKernelJsonContext : JsonSerializerContext;

/// <summary>Writes any <see cref="PromptExecutionSettings"/> as a flat JSON object of wire names, for <see cref="OpenRouterPromptExecutionSettings.FromExecutionSettings"/>.</summary>
internal static class SettingsJson
{
    public static byte[] Serialize(PromptExecutionSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (settings.GetType() != typeof(PromptExecutionSettings) && JsonSerializer.IsReflectionEnabledByDefault &&
                SerializeDerived(settings) is { ValueKind: JsonValueKind.Object } derived)
            {
                foreach (JsonProperty property in derived.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        property.WriteTo(writer);
                    }
                }
            }
            else if (settings.ExtensionData is { } extensionData)
            {
                foreach (KeyValuePair<string, object> pair in extensionData)
                {
                    writer.WritePropertyName(pair.Key);
                    OpenRouterJsonUtilities.WriteValue(writer, pair.Value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only called when reflection-based serialization is enabled; settings types from other connectors are serialized the way Semantic Kernel serializes them.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called when reflection-based serialization is enabled.")]
    private static JsonElement? SerializeDerived(PromptExecutionSettings settings)
    {
        try
        {
            return JsonSerializer.SerializeToElement(settings, settings.GetType(), JsonSerializerOptions.Default);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return null;
        }
    }
}
