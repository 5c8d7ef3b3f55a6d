using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenRouter.Benchmarks;

/// <summary>
/// Deterministic OpenRouter wire payloads, generated in code in the exact shapes OpenRouter sends
/// (see tests/OpenRouter.Extensions.AI.Tests/Fixtures/Chat for captured examples).
/// </summary>
internal static class Payloads
{
    public const string Model = "anthropic/claude-sonnet-4";
    public const string TextModel = "openai/gpt-4o";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Words =
    [
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "then", "runs", "into", "forest",
        "where", "it", "finds", "a", "small", "river", "with", "clear", "water", "café", "naïve", "\"quoted\"", "line\nbreak",
    ];

    /// <summary>Expected values, for the --check mode.</summary>
    public static string NonStreamingText { get; } = BuildText(1000);

    public static string StreamText { get; private set; } = string.Empty;

    public static string ReasoningText { get; private set; } = string.Empty;

    public static string ToolArguments { get; } = BuildToolArguments();

    public const string ToolName = "search_catalog";

    public const string ToolCallId = "toolu_01ABCdefGHIjklMNOpqr";

    // (a) ------------------------------------------------------------------------------------------------------------

    /// <summary>A non-streaming chat.completion with a ~1 KB answer and OpenRouter's usage block.</summary>
    public static byte[] NonStreaming() => Encoding.UTF8.GetBytes($$"""
        {
          "id": "gen-1732550000-AbCdEfGhIjKlMnOpQrSt",
          "provider": "OpenAI",
          "model": "{{TextModel}}",
          "object": "chat.completion",
          "created": 1732550000,
          "system_fingerprint": "fp_1234",
          "choices": [
            {
              "logprobs": null,
              "finish_reason": "stop",
              "native_finish_reason": "stop",
              "index": 0,
              "message": {
                "role": "assistant",
                "content": {{Json(NonStreamingText)}},
                "refusal": null,
                "reasoning": null
              }
            }
          ],
          "usage": {
            "prompt_tokens": 1234,
            "completion_tokens": 256,
            "total_tokens": 1490,
            "cost": 0.0056,
            "is_byok": false,
            "prompt_tokens_details": { "cached_tokens": 1024, "audio_tokens": 0 },
            "cost_details": { "upstream_inference_cost": null },
            "completion_tokens_details": { "reasoning_tokens": 0, "image_tokens": 0 }
          }
        }
        """);

    // (b) ------------------------------------------------------------------------------------------------------------

    /// <summary>1,000 content deltas, a processing comment, the finish chunk, the usage-only chunk and [DONE].</summary>
    public static byte[] ContentStream(int deltas = 1000)
    {
        var sb = new StringBuilder(deltas * 320);
        var text = new StringBuilder();
        const string Head = """{"id":"gen-1732550000-AbCdEfGhIjKlMnOpQrSt","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk","created":1732550000,"choices":[{"index":0,"delta":{"role":"assistant","content":""";
        const string Tail = ""","native_finish_reason":null,"logprobs":null}],"system_fingerprint":"fp_1234"}""";
        sb.Append(": OPENROUTER PROCESSING\n\n");
        sb.Append("data: ").Append(Head).Append("\"\"},\"finish_reason\":null").Append(Tail).Append("\n\n");
        for (int i = 0; i < deltas; i++)
        {
            string piece = (i == 0 ? string.Empty : " ") + Words[i % Words.Length];
            text.Append(piece);
            sb.Append("data: ").Append(Head).Append(Json(piece)).Append("},\"finish_reason\":null").Append(Tail).Append("\n\n");
            if (i == deltas / 2)
            {
                sb.Append(": OPENROUTER PROCESSING\n\n");
            }
        }

        sb.Append("data: ").Append(Head).Append("\"\"},\"finish_reason\":\"stop\"").Append(Tail.Replace("\"native_finish_reason\":null", "\"native_finish_reason\":\"stop\"", StringComparison.Ordinal)).Append("\n\n");
        sb.Append("data: ").Append(UsageChunk("gen-1732550000-AbCdEfGhIjKlMnOpQrSt", TextModel, "OpenAI", 1234, deltas, 0, 0.0042m)).Append("\n\n");
        sb.Append("data: [DONE]\n\n");
        StreamText = text.ToString();
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // (c) ------------------------------------------------------------------------------------------------------------

    /// <summary>50 reasoning deltas (reasoning + reasoning_details), then one tool call whose arguments arrive over 200 deltas.</summary>
    public static byte[] ReasoningToolStream(int reasoningDeltas = 50, int argumentDeltas = 200)
    {
        const string Id = "gen-1732551111-ZyXwVuTsRqPoNmLkJiHg";
        string head = "{\"id\":\"" + Id + "\",\"provider\":\"Anthropic\",\"model\":\"" + Model + "\",\"object\":\"chat.completion.chunk\",\"created\":1732551111,\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"";
        const string Tail = ""","native_finish_reason":null,"logprobs":null}]}""";
        var sb = new StringBuilder(64 * 1024);
        var reasoning = new StringBuilder();
        sb.Append(": OPENROUTER PROCESSING\n\n");
        for (int i = 0; i < reasoningDeltas; i++)
        {
            string piece = (i == 0 ? "Let me" : " ") + Words[(i * 7) % Words.Length];
            reasoning.Append(piece);
            string p = Json(piece);
            sb.Append("data: ").Append(head)
                .Append(",\"reasoning\":").Append(p)
                .Append(",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":").Append(p).Append(",\"format\":\"anthropic-claude-v1\",\"index\":0}]")
                .Append("},\"finish_reason\":null").Append(Tail).Append("\n\n");
        }

        // The signature closes the reasoning block.
        sb.Append("data: ").Append(head)
            .Append(",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"signature\":\"EqQBCkgIBRABGAIiQL2sig==\",\"format\":\"anthropic-claude-v1\",\"index\":0}]")
            .Append("},\"finish_reason\":null").Append(Tail).Append("\n\n");

        // Tool call header, then the arguments in pieces.
        sb.Append("data: ").Append(head)
            .Append($",\"tool_calls\":[{{\"index\":0,\"id\":\"{ToolCallId}\",\"type\":\"function\",\"function\":{{\"name\":\"{ToolName}\",\"arguments\":\"\"}}}}]")
            .Append("},\"finish_reason\":null").Append(Tail).Append("\n\n");
        string args = ToolArguments;
        for (int i = 0; i < argumentDeltas; i++)
        {
            int start = (int)((long)args.Length * i / argumentDeltas);
            int end = (int)((long)args.Length * (i + 1) / argumentDeltas);
            sb.Append("data: ").Append(head)
                .Append(",\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":").Append(Json(args[start..end])).Append("}}]")
                .Append("},\"finish_reason\":null").Append(Tail).Append("\n\n");
        }

        sb.Append("data: ").Append(head).Append("},\"finish_reason\":\"tool_calls\"")
            .Append(Tail.Replace("\"native_finish_reason\":null", "\"native_finish_reason\":\"tool_use\"", StringComparison.Ordinal)).Append("\n\n");
        sb.Append("data: ").Append(UsageChunk(Id, Model, "Anthropic", 2048, 612, 180, 0.01234m)).Append("\n\n");
        sb.Append("data: [DONE]\n\n");
        ReasoningText = reasoning.ToString();
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The usage-only chunk OpenRouter sends after the finish chunk (<c>"choices":[]</c>).</summary>
    private static string UsageChunk(string id, string model, string provider, int prompt, int completion, int reasoning, decimal cost) =>
        $$"""{"id":"{{id}}","provider":"{{provider}}","model":"{{model}}","object":"chat.completion.chunk","created":1732550000,"choices":[],"usage":{"prompt_tokens":{{prompt}},"completion_tokens":{{completion}},"total_tokens":{{prompt + completion}},"cost":{{cost.ToString(CultureInfo.InvariantCulture)}},"is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"cost_details":{"upstream_inference_cost":null},"completion_tokens_details":{"reasoning_tokens":{{reasoning}},"image_tokens":0""" + "}}}";

    // (d) ------------------------------------------------------------------------------------------------------------

    /// <summary>The smallest valid completion, answered to every request of scenario (d).</summary>
    public static byte[] TinyCompletion() => """{"id":"gen-0","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion","created":1732550000,"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop","native_finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"""u8.ToArray();

    // (e) ------------------------------------------------------------------------------------------------------------

    /// <summary>A /models answer of <paramref name="count"/> models in OpenRouter's schema.</summary>
    public static byte[] Catalog(int count = 300)
    {
        string[] authors = ["openai", "anthropic", "google", "meta-llama", "mistralai", "qwen", "deepseek", "x-ai", "cohere", "nousresearch"];
        string[] tokenizers = ["GPT", "Claude", "Gemini", "Llama3", "Mistral", "Qwen", "DeepSeek", "Grok", "Cohere", "Other"];
        var sb = new StringBuilder(count * 1600);
        sb.Append("{\"data\":[");
        for (int i = 0; i < count; i++)
        {
            string author = authors[i % authors.Length];
            string id = CatalogId(i);
            string free = i % 7 == 0 ? ":free" : string.Empty;
            decimal prompt = i % 7 == 0 ? 0 : (i % 13 + 1) * 0.00000025m;
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(CultureInfo.InvariantCulture, $$$"""
                {"id":"{{{id}}}","canonical_slug":"{{{author}}}/model-{{{i}}}-20250101","hugging_face_id":{{{(i % 3 == 0 ? $"\"{author}/Model-{i}-Instruct\"" : "null")}}},"name":"{{{author}}}: Model {{{i}}}{{{free}}}","created":{{{1700000000 + i * 86400}}},"description":"Model {{{i}}} by {{{author}}}: a general-purpose model with strong reasoning, coding and multilingual abilities. It supports tool use and structured outputs, and a long context window.","pricing":{"prompt":"{{{prompt}}}","completion":"{{{prompt * 4}}}","request":"0","image":"{{{(i % 2 == 0 ? "0.001" : "0")}}}","web_search":"0","internal_reasoning":"0","input_cache_read":"{{{prompt / 10}}}"},"context_length":{{{(i % 4 + 1) * 32768}}},"architecture":{"modality":"text+image->text","input_modalities":["text","image"],"output_modalities":["text"],"tokenizer":"{{{tokenizers[i % tokenizers.Length]}}}","instruct_type":{{{(i % 5 == 0 ? "\"chatml\"" : "null")}}}},"top_provider":{"context_length":{{{(i % 4 + 1) * 32768}}},"max_completion_tokens":{{{(i % 3 == 0 ? "16384" : "null")}}},"is_moderated":{{{(i % 2 == 0 ? "true" : "false")}}}},"per_request_limits":null,"supported_parameters":["max_tokens","temperature","top_p","tools","tool_choice","stop","frequency_penalty","presence_penalty","seed","response_format","structured_outputs","reasoning","include_reasoning"],"default_parameters":{"temperature":null,"top_p":null,"frequency_penalty":null}}
                """);
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static string CatalogId(int i)
    {
        string[] authors = ["openai", "anthropic", "google", "meta-llama", "mistralai", "qwen", "deepseek", "x-ai", "cohere", "nousresearch"];
        return $"{authors[i % authors.Length]}/model-{i}{(i % 7 == 0 ? ":free" : string.Empty)}";
    }

    // (f) ------------------------------------------------------------------------------------------------------------

    public const string EmbeddingModel = "openai/text-embedding-3-small";

    /// <summary>The 100 inputs of scenario (f), about ten words each.</summary>
    public static string[] EmbeddingInputs { get; } = [.. Enumerable.Range(0, 100).Select(i => string.Join(' ', Enumerable.Range(0, 10).Select(j => Words[(i * 7 + j * 3) % 20])))];

    /// <summary>The value at <paramref name="dimension"/> of embedding <paramref name="index"/>: deterministic, realistic magnitudes.</summary>
    public static float EmbeddingValue(int index, int dimension) => (float)(Math.Sin((index + 1) * 0.37 + dimension * 0.011) * 0.05);

    /// <summary>An /embeddings answer of <paramref name="count"/> vectors of <paramref name="dimensions"/>, base64 float32 or JSON numbers.</summary>
    public static byte[] Embeddings(int count, int dimensions, bool base64)
    {
        var sb = new StringBuilder(count * dimensions * (base64 ? 6 : 14));
        sb.Append("{\"id\":\"gen-emb-1732550000\",\"object\":\"list\",\"model\":\"").Append(EmbeddingModel).Append("\",\"data\":[");
        float[] vector = new float[dimensions];
        for (int i = 0; i < count; i++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                vector[d] = EmbeddingValue(i, d);
            }

            sb.Append(i > 0 ? "," : string.Empty).Append(CultureInfo.InvariantCulture, $"{{\"object\":\"embedding\",\"index\":{i},\"embedding\":");
            if (base64)
            {
                sb.Append('"').Append(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()))).Append('"');
            }
            else
            {
                sb.Append(JsonSerializer.Serialize(vector));
            }

            sb.Append('}');
        }

        sb.Append(CultureInfo.InvariantCulture, $"],\"usage\":{{\"prompt_tokens\":{count * 10},\"total_tokens\":{count * 10},\"cost\":0.00002}}}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // (g) ------------------------------------------------------------------------------------------------------------

    public const string ImageModel = "google/gemini-2.5-flash-image";

    /// <summary>The bytes of the image of scenario (g): deterministic noise behind a PNG signature.</summary>
    public static byte[] ImageData(int size)
    {
        byte[] image = new byte[size];
        new Random(26).NextBytes(image);
        ((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).CopyTo(image);
        return image;
    }

    /// <summary>An /images answer with one image of <paramref name="size"/> bytes as <c>b64_json</c>, its usage and cost.</summary>
    public static byte[] Image(int size) => Encoding.UTF8.GetBytes(
        """{"created":1748372400,"data":[{"b64_json":""" + "\"" + Convert.ToBase64String(ImageData(size)) + "\"" +
        ""","media_type":"image/png"}],"usage":{"prompt_tokens":5,"completion_tokens":1290,"total_tokens":1295,"cost":0.039}}""");

    // helpers --------------------------------------------------------------------------------------------------------

    public static string Json(string value) => JsonSerializer.Serialize(value, Relaxed);

    private static string BuildText(int approxBytes)
    {
        var sb = new StringBuilder(approxBytes + 32);
        for (int i = 0; sb.Length < approxBytes; i++)
        {
            sb.Append(i == 0 ? string.Empty : " ").Append(Words[(i * 5) % Words.Length]);
        }

        return sb.ToString();
    }

    private static string BuildToolArguments()
    {
        // ~1.4 KB of JSON with nesting, numbers, escapes and a non-ASCII character.
        var sb = new StringBuilder(1500);
        sb.Append("{\"query\":\"wireless noise-cancelling headphones \\\"over-ear\\\" café\",\"filters\":{\"price\":{\"min\":50,\"max\":400.5},\"brands\":[");
        for (int i = 0; i < 12; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"\"brand-{i:D2}\"");
        }

        sb.Append("],\"in_stock\":true,\"rating\":4.5},\"items\":[");
        for (int i = 0; sb.Length < 1380; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"{{\"sku\":\"SKU-{i:D5}\",\"qty\":{i % 4 + 1},\"note\":\"line1\\nline2\"}}");
        }

        sb.Append("],\"page\":1,\"page_size\":50}");
        return sb.ToString();
    }
}
