using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// The emulator's <c>POST /embeddings</c>: deterministic unit vectors derived from the text (hashed words, so texts that share
/// words point in similar directions and cosine similarity ranks them sensibly), <c>dimensions</c> honoured, <c>float</c> or
/// <c>base64</c> encoding, usage and cost.
/// </summary>
internal static class EmulatorEmbeddings
{
    /// <summary>The vector length when the request sets no <c>dimensions</c> (that of <c>openai/text-embedding-3-small</c>).</summary>
    public const int DefaultDimensions = 1536;

    public static (int Status, string Json) Answer(RecordedRequest request, OpenRouterEmulatorOptions options, string id, EmulatorRefusals? refusals)
    {
        if (EmulatorRequests.ParseObject(request, out JsonObject body) is { } bodyError)
        {
            return bodyError;
        }

        if (EmulatorRequests.KnownModel(body, refusals, out string model) is { } modelError)
        {
            return modelError;
        }

        List<string> inputs = [];
        switch (body["input"])
        {
            case JsonValue value when value.TryGetValue(out string? text) && text.Length > 0:
                inputs.Add(text);
                break;
            case JsonArray { Count: > 0 } array when array.All(i => i is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0):
                inputs.AddRange(array.Select(i => i!.GetValue<string>()));
                break;
            default:
                return EmulatorRequests.Error(400, "\"input\" must be a non-empty string or a non-empty array of non-empty strings.");
        }

        int dimensions = DefaultDimensions;
        if (body["dimensions"] is { } d)
        {
            if (d is not JsonValue dv || !dv.TryGetValue(out int parsed) || parsed < 1)
            {
                return EmulatorRequests.Error(400, "\"dimensions\" must be an integer of at least 1.");
            }

            dimensions = parsed;
        }

        string format = body["encoding_format"] is JsonValue f && f.TryGetValue(out string? fs) ? fs : "float";
        if (format is not "float" and not "base64")
        {
            return EmulatorRequests.Error(400, "\"encoding_format\" must be \"float\" or \"base64\".");
        }

        var data = new JsonArray();
        int tokens = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            float[] vector = Embed(inputs[i], dimensions);
            tokens += Math.Max(1, WireFormat.CountWords(inputs[i]));
            data.Add((JsonNode)new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = format == "base64"
                    ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                    : new JsonArray([.. vector.Select(x => (JsonNode)JsonValue.Create(x))]),
            });
        }

        var root = new JsonObject
        {
            ["id"] = id,
            ["object"] = "list",
            ["model"] = options.Model ?? model,
            ["data"] = data,
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = tokens,
                ["total_tokens"] = tokens,
                ["cost"] = tokens * options.CostPerToken,
            },
        };
        return (200, root.ToJsonString(WireFormat.JsonOptions));
    }

    /// <summary>
    /// A unit vector for <paramref name="text"/>: each word that is not a stop word (lower-cased, a plural "s" dropped) adds ±1 at a dimension picked by its
    /// hash, so equal words always land in the same place. Pure and deterministic across runs and machines.
    /// </summary>
    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (string word in DemoScript.Words(text).Where(w => !DemoScript.StopWords.Contains(w)))
        {
            string stem = word.Length > 3 && word.EndsWith('s') ? word[..^1] : word;
            uint hash = Fnv1a(stem);
            vector[(int)(hash % (uint)dimensions)] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        double norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        if (norm == 0)
        {
            // No words (punctuation, emoji…): still a unit vector, chosen by the whole text.
            vector[(int)(Fnv1a(text) % (uint)dimensions)] = 1f;
            return vector;
        }

        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }

        return vector;
    }

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}

/// <summary>Request parsing and error answers shared by the emulator's non-chat endpoints.</summary>
internal static class EmulatorRequests
{
    public static (int Status, string Json)? ParseObject(RecordedRequest request, out JsonObject body)
    {
        body = null!;
        try
        {
            if (request.BodyAsJsonNode() is JsonObject parsed)
            {
                body = parsed;
                return null;
            }
        }
        catch (JsonException ex)
        {
            return Error(400, "Request body is not valid JSON: " + ex.Message);
        }

        return Error(400, "Request body must be a JSON object.");
    }

    public static (int Status, string Json)? RequiredString(JsonObject body, string name, out string value)
    {
        if (body[name] is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0)
        {
            value = text;
            return null;
        }

        value = string.Empty;
        return Error(400, string.Create(CultureInfo.InvariantCulture, $"\"{name}\" is required and must be a non-empty string."));
    }

    /// <summary>The request's <c>model</c>, which must be a non-empty string and, unless <paramref name="refusals"/> is <see langword="null"/> (lenient), a model of the catalog.</summary>
    public static (int Status, string Json)? KnownModel(JsonObject body, EmulatorRefusals? refusals, out string model)
    {
        if (RequiredString(body, "model", out model) is { } missing)
        {
            return missing;
        }

        return refusals?.Model(model) is { } refusal ? Error(refusal.Status, refusal.Message) : null;
    }

    public static (int Status, string Json) Error(int status, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } }.ToJsonString(WireFormat.JsonOptions));
}
