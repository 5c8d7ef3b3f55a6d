using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpenRouter.Testing;

/// <summary>
/// Serves the model catalog fixture: <c>/models</c>, <c>/embeddings/models</c> (and the older <c>/models/embeddings</c>),
/// one model (<c>/model/{author}/{slug}</c>) and a model's endpoints.
/// </summary>
internal static class ModelCatalog
{
    private static readonly JsonDocument EmptyArray = JsonDocument.Parse("[]");

    /// <summary>
    /// <c>GET /models</c>. Supports <c>supported_parameters</c> (comma-separated; a model must support all of them) and
    /// <c>output_modalities</c> (comma-separated or <c>all</c>; a model must produce one of them). <c>category</c> is accepted and ignored.
    /// </summary>
    public static string List(JsonDocument catalog, string catalogJson, IQueryCollection query)
    {
        string[] parameters = SplitQuery(query["supported_parameters"]);
        string[] outputs = SplitQuery(query["output_modalities"]);
        if (outputs.Contains("all", StringComparer.OrdinalIgnoreCase))
        {
            outputs = [];
        }

        if (parameters.Length == 0 && outputs.Length == 0)
        {
            return catalogJson;
        }

        return WriteList(catalog, model =>
            parameters.All(p => StringArray(model, "supported_parameters").Contains(p, StringComparer.OrdinalIgnoreCase))
            && (outputs.Length == 0 || OutputModalities(model).Any(m => outputs.Contains(m, StringComparer.OrdinalIgnoreCase))));
    }

    /// <summary><c>GET /models/embeddings</c>: the models whose output modalities include <c>embeddings</c>.</summary>
    public static string ListEmbeddingModels(JsonDocument catalog) =>
        WriteList(catalog, model => OutputModalities(model).Contains("embeddings", StringComparer.Ordinal));

    /// <summary><c>GET /model/{author}/{slug}</c>: <c>{"data":{…}}</c> with the model's entry; <see langword="null"/> when the model is unknown.</summary>
    public static string? Model(JsonDocument catalog, string modelId)
    {
        foreach (JsonElement model in Models(catalog))
        {
            if (model.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String && id.ValueEquals(modelId))
            {
                return "{\"data\":" + model.GetRawText() + "}";
            }
        }

        return null;
    }

    /// <summary><c>GET /models/{author}/{slug}/endpoints</c>; <see langword="null"/> when the model is unknown.</summary>
    public static string? Endpoints(JsonDocument catalog, string modelId)
    {
        JsonElement? found = null;
        foreach (JsonElement model in Models(catalog))
        {
            if (model.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String && id.ValueEquals(modelId))
            {
                found = model;
                break;
            }
        }

        if (found is not { } m)
        {
            return null;
        }

        string author = modelId.Split('/')[0];
        string[] providers = author switch
        {
            "openai" => ["OpenAI", "Azure"],
            "anthropic" => ["Anthropic", "Amazon Bedrock", "Google"],
            "google" => ["Google AI Studio", "Google"],
            "meta-llama" => ["DeepInfra", "Together", "Groq"],
            "mistralai" => ["Mistral"],
            "deepseek" => ["DeepSeek", "DeepInfra"],
            "qwen" => ["Alibaba", "DeepInfra"],
            "x-ai" => ["xAI"],
            "cohere" => ["Cohere"],
            _ => ["FakeProvider"],
        };

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WireFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            Copy(writer, m, "id");
            Copy(writer, m, "name");
            Copy(writer, m, "created");
            Copy(writer, m, "description");
            writer.WriteStartObject("architecture");
            if (m.TryGetProperty("architecture", out JsonElement architecture) && architecture.ValueKind == JsonValueKind.Object)
            {
                Copy(writer, architecture, "tokenizer");
                Copy(writer, architecture, "instruct_type");
                Copy(writer, architecture, "modality");
                Copy(writer, architecture, "input_modalities");
                Copy(writer, architecture, "output_modalities");
            }

            writer.WriteEndObject();
            writer.WriteStartArray("endpoints");
            for (int i = 0; i < providers.Length; i++)
            {
                string provider = providers[i];
                writer.WriteStartObject();
                writer.WriteString("name", $"{provider} | {modelId}");
                writer.WriteString("model_name", m.TryGetProperty("name", out JsonElement name) ? name.GetString() : modelId);
                Copy(writer, m, "context_length");
                Copy(writer, m, "pricing");
                writer.WriteString("provider_name", provider);
                writer.WriteString("tag", provider.ToLowerInvariant().Replace(' ', '-'));
                writer.WriteString("quantization", i == 0 ? "unknown" : "fp8");
                if (m.TryGetProperty("top_provider", out JsonElement top) && top.TryGetProperty("max_completion_tokens", out JsonElement max))
                {
                    writer.WritePropertyName("max_completion_tokens");
                    max.WriteTo(writer);
                }
                else
                {
                    writer.WriteNull("max_completion_tokens");
                }

                writer.WriteNull("max_prompt_tokens");
                Copy(writer, m, "supported_parameters");
                writer.WriteNumber("status", 0);
                writer.WriteNumber("uptime_last_30m", 99.9 - i);
                writer.WriteBoolean("supports_implicit_caching", author is "openai" or "google" or "deepseek");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string WriteList(JsonDocument catalog, Func<JsonElement, bool> include)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WireFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (JsonElement model in Models(catalog))
            {
                if (include(model))
                {
                    model.WriteTo(writer);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement.ArrayEnumerator Models(JsonDocument catalog) =>
        catalog.RootElement.ValueKind == JsonValueKind.Object
        && catalog.RootElement.TryGetProperty("data", out JsonElement data)
        && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : EmptyArray.RootElement.EnumerateArray();

    private static IEnumerable<string> OutputModalities(JsonElement model) =>
        model.TryGetProperty("architecture", out JsonElement architecture) && architecture.ValueKind == JsonValueKind.Object
            ? StringArray(architecture, "output_modalities")
            : [];

    private static IEnumerable<string> StringArray(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];

    private static void Copy(Utf8JsonWriter writer, JsonElement source, string property)
    {
        if (source.TryGetProperty(property, out JsonElement value))
        {
            writer.WritePropertyName(property);
            value.WriteTo(writer);
        }
    }

    private static string[] SplitQuery(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
