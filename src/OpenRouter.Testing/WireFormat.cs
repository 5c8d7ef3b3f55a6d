using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpenRouter.Testing;

/// <summary>A completion with every default resolved, ready to be written.</summary>
internal sealed class CompletionPlan
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required string Model { get; init; }

    public required string Provider { get; init; }

    public required string Content { get; init; }

    public required IReadOnlyList<string> ContentChunks { get; init; }

    public required string? Reasoning { get; init; }

    public required IReadOnlyList<EmulatorReasoningDetail> ReasoningDetails { get; init; }

    public required IReadOnlyList<EmulatorToolCall> ToolCalls { get; init; }

    public required IReadOnlyList<EmulatorCitation> Citations { get; init; }

    public required IReadOnlyList<EmulatorImage> Images { get; init; }

    public required bool OmitReasoningText { get; init; }

    public required string FinishReason { get; init; }

    public required string NativeFinishReason { get; init; }

    public required EmulatorUsage Usage { get; init; }

    public required EmulatorStreamError? StreamError { get; init; }

    public required bool IncludeDone { get; init; }

    public required EmulatorUsage? FinishChunkUsage { get; init; }

    public required bool SignatureAfterContent { get; init; }

    public static CompletionPlan Create(EmulatorCompletion completion, ResponseContext context)
    {
        string content = completion.Content ?? string.Empty;
        IReadOnlyList<EmulatorReasoningDetail> details = completion.ReasoningDetails;
        string? reasoning = completion.Reasoning;
        if (details.Count == 0 && reasoning is not null)
        {
            details = [EmulatorReasoningDetail.FromText(reasoning)];
        }
        else if (reasoning is null && details.Count > 0)
        {
            string joined = string.Concat(details.Select(d => d.PlainText));
            reasoning = joined.Length > 0 ? joined : null;
        }

        details = [.. details.Select((d, i) => d.Index is null ? d with { Index = i } : d)];
        IReadOnlyList<EmulatorToolCall> calls = [.. completion.ToolCalls.Select((c, i) => c.Id is null ? c with { Id = $"call_emulator_{i}" } : c)];
        string finish = completion.FinishReason ?? (calls.Count > 0 ? "tool_calls" : "stop");

        EmulatorUsage usage = completion.Usage ?? EstimateUsage(context, content, reasoning, calls);
        return new CompletionPlan
        {
            Id = completion.Id ?? context.NextId(),
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model = completion.Model ?? context.ResolveModel(),
            Provider = completion.Provider ?? context.Options.Provider,
            Content = content,
            ContentChunks = completion.ContentChunks ?? WireFormat.SplitWords(content),
            Reasoning = reasoning,
            ReasoningDetails = details,
            ToolCalls = calls,
            Citations = completion.Citations,
            Images = completion.Images,
            OmitReasoningText = completion.OmitReasoningText,
            FinishReason = finish,
            NativeFinishReason = completion.NativeFinishReason ?? finish,
            Usage = usage,
            StreamError = completion.StreamError,
            IncludeDone = completion.IncludeDone,
            FinishChunkUsage = completion.FinishChunkUsage,
            SignatureAfterContent = completion.SignatureAfterContent,
        };
    }

    private static EmulatorUsage EstimateUsage(ResponseContext context, string content, string? reasoning, IReadOnlyList<EmulatorToolCall> calls)
    {
        int prompt = DemoScript.EstimatePromptTokens(context.Body);
        int reasoningTokens = WireFormat.CountWords(reasoning);
        int completionTokens = WireFormat.CountWords(content) + reasoningTokens + calls.Sum(c => WireFormat.CountWords(c.Name) + WireFormat.CountWords(c.Arguments));
        completionTokens = Math.Max(1, completionTokens);
        return new EmulatorUsage
        {
            PromptTokens = prompt,
            CompletionTokens = completionTokens,
            ReasoningTokens = reasoningTokens,
            CachedTokens = context.PromptCache?.Observe(context.Body, prompt) ?? 0,
            Cost = (prompt + completionTokens) * context.Options.CostPerToken,
        };
    }
}

/// <summary>Writes OpenRouter's chat completion wire format.</summary>
internal static partial class WireFormat
{
    public const string ProcessingComment = ": OPENROUTER PROCESSING\n\n";

    /// <summary>Serializer options that write JSON the way OpenRouter does: <c>\"</c> for quotes, non-ASCII text unescaped.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writer options matching <see cref="JsonOptions"/>.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int CountWords(string? text) => string.IsNullOrWhiteSpace(text) ? 0 : WordRegex().Count(text);

    /// <summary>Splits text into word deltas (each keeps its trailing whitespace); a single word is split in two.</summary>
    public static IReadOnlyList<string> SplitWords(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var pieces = new List<string>();
        int start = 0;
        foreach (Match match in ChunkRegex().Matches(text))
        {
            if (match.Index > start)
            {
                pieces.Add(text[start..match.Index]);
            }

            pieces.Add(match.Value);
            start = match.Index + match.Length;
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        if (pieces.Count == 1 && text.Length >= 2)
        {
            int half = SafeSplit(text, text.Length / 2);
            return [text[..half], text[half..]];
        }

        return pieces;
    }

    /// <summary>Splits text into about <paramref name="count"/> pieces of similar length, never inside a surrogate pair.</summary>
    public static IReadOnlyList<string> SplitEven(string text, int count)
    {
        if (text.Length <= 1 || count <= 1)
        {
            return [text];
        }

        count = Math.Min(count, text.Length);
        var pieces = new List<string>(count);
        int start = 0;
        for (int i = 1; i <= count; i++)
        {
            int end = i == count ? text.Length : SafeSplit(text, text.Length * i / count);
            if (end > start)
            {
                pieces.Add(text[start..end]);
                start = end;
            }
        }

        return pieces;
    }

    public static string CompletionJson(CompletionPlan plan)
    {
        if (plan.StreamError is { } error)
        {
            return new JsonObject { ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message } }.ToJsonString(WireFormat.JsonOptions);
        }

        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = plan.Content,
            ["refusal"] = null,
            ["reasoning"] = plan.OmitReasoningText ? null : plan.Reasoning,
        };
        if (plan.Citations.Count > 0)
        {
            message["annotations"] = new JsonArray([.. plan.Citations.Select(CitationJson)]);
        }

        if (plan.Images.Count > 0)
        {
            message["images"] = new JsonArray([.. plan.Images.Select(ImageJson)]);
        }

        if (plan.ReasoningDetails.Count > 0)
        {
            message["reasoning_details"] = new JsonArray([.. plan.ReasoningDetails.Select(d => DetailJson(d, d.Text, d.Summary, d.Signature))]);
        }

        if (plan.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. plan.ToolCalls.Select((call, i) => (JsonNode)new JsonObject
            {
                ["id"] = call.Id,
                ["index"] = i,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            })]);
        }

        var root = Envelope(plan, "chat.completion");
        root["choices"] = new JsonArray(new JsonObject
        {
            ["logprobs"] = null,
            ["finish_reason"] = plan.FinishReason,
            ["native_finish_reason"] = plan.NativeFinishReason,
            ["index"] = 0,
            ["message"] = message,
        });
        root["usage"] = UsageJson(plan.Usage);
        return root.ToJsonString(WireFormat.JsonOptions);
    }

    public static List<string> StreamEvents(CompletionPlan plan)
    {
        var events = new List<string> { ProcessingComment };
        bool roleSent = false;

        JsonObject Delta()
        {
            var delta = new JsonObject();
            if (!roleSent)
            {
                delta["role"] = "assistant";
                roleSent = true;
            }

            return delta;
        }

        // Reasoning: each text/summary detail streams in word pieces, with the signature in its last piece.
        foreach (EmulatorReasoningDetail detail in plan.ReasoningDetails)
        {
            if (detail.PlainText is { Length: > 0 } text)
            {
                IReadOnlyList<string> pieces = SplitWords(text);
                for (int p = 0; p < pieces.Count; p++)
                {
                    bool last = p == pieces.Count - 1;
                    JsonObject delta = Delta();
                    delta["content"] = string.Empty;
                    if (!plan.OmitReasoningText)
                    {
                        delta["reasoning"] = pieces[p];
                    }

                    delta["reasoning_details"] = new JsonArray(detail.Type == "reasoning.summary"
                        ? DetailJson(detail, null, pieces[p], null)
                        : DetailJson(detail, pieces[p], null, last && !plan.SignatureAfterContent ? detail.Signature : null));
                    events.Add(Event(Chunk(plan, delta)));
                }
            }
            else
            {
                JsonObject delta = Delta();
                delta["content"] = string.Empty;
                delta["reasoning_details"] = new JsonArray(DetailJson(detail, detail.Text, detail.Summary, detail.Signature));
                events.Add(Event(Chunk(plan, delta)));
            }
        }

        // Citations: each on a chunk of its own with empty content, before the text (as OpenRouter's web search sends them).
        foreach (EmulatorCitation citation in plan.Citations)
        {
            JsonObject delta = Delta();
            delta["content"] = string.Empty;
            delta["annotations"] = new JsonArray(CitationJson(citation));
            events.Add(Event(Chunk(plan, delta)));
        }

        int contentDeltas = plan.StreamError?.AfterContentDeltas is { } limit ? Math.Min(limit, plan.ContentChunks.Count) : plan.ContentChunks.Count;
        for (int i = 0; i < contentDeltas; i++)
        {
            JsonObject delta = Delta();
            delta["content"] = plan.ContentChunks[i];
            events.Add(Event(Chunk(plan, delta)));
        }

        if (plan.StreamError is { } error)
        {
            events.Add(Event(ErrorChunk(plan, error)));
            return events;
        }

        if (plan.SignatureAfterContent)
        {
            // Anthropic's late signature: a piece of its own, with empty text, after the answer text (WithLateSignature).
            foreach (EmulatorReasoningDetail detail in plan.ReasoningDetails.Where(d => d.Type == "reasoning.text" && d.Signature is not null))
            {
                JsonObject delta = Delta();
                delta["reasoning_details"] = new JsonArray(DetailJson(detail, string.Empty, null, detail.Signature));
                events.Add(Event(Chunk(plan, delta)));
            }
        }

        for (int i = 0; i < plan.Images.Count; i++)
        {
            JsonObject delta = Delta();
            delta["content"] = string.Empty;
            delta["images"] = new JsonArray(ImageJson(plan.Images[i], i));
            events.Add(Event(Chunk(plan, delta)));
        }

        for (int k = 0; k < plan.ToolCalls.Count; k++)
        {
            EmulatorToolCall call = plan.ToolCalls[k];
            JsonObject first = Delta();
            first["content"] = null;
            first["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = k,
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty },
            });
            events.Add(Event(Chunk(plan, first)));
            foreach (string piece in SplitEven(call.Arguments, 3))
            {
                JsonObject delta = Delta();
                delta["content"] = null;
                delta["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = k,
                    ["function"] = new JsonObject { ["arguments"] = piece },
                });
                events.Add(Event(Chunk(plan, delta)));
            }
        }

        if (!roleSent)
        {
            JsonObject delta = Delta();
            delta["content"] = string.Empty;
            events.Add(Event(Chunk(plan, delta)));
        }

        JsonObject finishChunk = Chunk(plan, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, plan.FinishReason, plan.NativeFinishReason);
        if (plan.FinishChunkUsage is { } earlier)
        {
            finishChunk["usage"] = UsageJson(earlier); // WithUsageOnFinishChunk: the usage-only chunk below carries the total
        }

        events.Add(Event(finishChunk));

        JsonObject usageChunk = Envelope(plan, "chat.completion.chunk");
        usageChunk["choices"] = new JsonArray();
        usageChunk["usage"] = UsageJson(plan.Usage);
        events.Add(Event(usageChunk));

        if (plan.IncludeDone)
        {
            events.Add("data: [DONE]\n\n");
        }

        return events;
    }

    private static string Event(JsonObject chunk) => "data: " + chunk.ToJsonString(WireFormat.JsonOptions) + "\n\n";

    private static JsonObject Envelope(CompletionPlan plan, string objectType) => new()
    {
        ["id"] = plan.Id,
        ["object"] = objectType,
        ["created"] = plan.Created,
        ["model"] = plan.Model,
        ["provider"] = plan.Provider,
    };

    private static JsonObject Chunk(CompletionPlan plan, JsonObject delta, string? finishReason = null, string? nativeFinishReason = null)
    {
        JsonObject chunk = Envelope(plan, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
            ["native_finish_reason"] = nativeFinishReason,
            ["logprobs"] = null,
        });
        return chunk;
    }

    private static JsonObject ErrorChunk(CompletionPlan plan, EmulatorStreamError error)
    {
        JsonObject chunk = Envelope(plan, "chat.completion.chunk");
        chunk["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        chunk["choices"] = error.EmptyChoices
            ? new JsonArray()
            : new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = new JsonObject { ["content"] = string.Empty },
                ["finish_reason"] = "error",
            });
        if (error.IncludeUsage)
        {
            chunk["usage"] = UsageJson(plan.Usage);
        }

        return chunk;
    }

    private static JsonNode CitationJson(EmulatorCitation citation)
    {
        var body = new JsonObject { ["url"] = citation.Url, ["title"] = citation.Title ?? string.Empty };
        if (citation.Content is not null)
        {
            body["content"] = citation.Content;
        }

        body["start_index"] = citation.StartIndex;
        body["end_index"] = citation.EndIndex;
        return new JsonObject { ["type"] = "url_citation", ["url_citation"] = body };
    }

    private static JsonNode ImageJson(EmulatorImage image, int index) => new JsonObject
    {
        ["type"] = "image_url",
        ["image_url"] = new JsonObject { ["url"] = image.Url },
        ["index"] = index,
    };

    private static JsonObject DetailJson(EmulatorReasoningDetail detail, string? text, string? summary, string? signature)
    {
        var json = new JsonObject { ["type"] = detail.Type };
        switch (detail.Type)
        {
            case "reasoning.text":
                json["text"] = text ?? string.Empty;
                if (signature is not null)
                {
                    json["signature"] = signature;
                }

                break;
            case "reasoning.summary":
                json["summary"] = summary ?? string.Empty;
                break;
            default:
                json["data"] = detail.Data ?? string.Empty;
                break;
        }

        if (detail.Id is not null)
        {
            json["id"] = detail.Id;
        }

        json["format"] = detail.Format ?? "unknown";
        json["index"] = detail.Index;
        return json;
    }

    private static JsonObject UsageJson(EmulatorUsage usage) => new()
    {
        ["prompt_tokens"] = usage.PromptTokens,
        ["completion_tokens"] = usage.CompletionTokens,
        ["total_tokens"] = usage.TotalTokens,
        ["cost"] = decimal.Round(usage.Cost, 12),
        ["is_byok"] = usage.IsByok,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedTokens },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.ReasoningTokens },
    };

    private static int SafeSplit(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index + 1 : index;

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex ChunkRegex();

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
