using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Maps <see cref="ChatCompletionFrame"/>s to MEAI objects; shared by the JSON and the streaming paths so both agree.</summary>
internal static class ChatResponseMapper
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    public static ChatFinishReason? MapFinishReason(string? finishReason) => finishReason switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(finishReason) => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(finishReason),
    };

    public static UsageDetails MapUsage(ChatUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens,
            CachedInputTokenCount = usage.CachedTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
        };

        if (usage.CacheWriteTokens is { } cacheWrite)
        {
            (details.AdditionalCounts ??= [])["cache_write_tokens"] = cacheWrite;
        }

        // Cost (issue 14): the one carrier that MEAI sums across tool rounds. Keep this on the new wire-model mapper.
        OpenRouterCost.AddTo(details, usage.Cost);

        return details;
    }

    /// <summary>Adds <c>cost</c> and <c>is_byok</c> from the usage block.</summary>
    public static void AddUsageProperties(ref AdditionalPropertiesDictionary? properties, ChatUsage usage)
    {
        if (usage.Cost is { } cost)
        {
            (properties ??= [])[OpenRouterResponseProperties.Cost] = cost;
        }

        if (usage.IsByok is { } byok)
        {
            (properties ??= [])[OpenRouterResponseProperties.IsByok] = byok ? BoxedTrue : BoxedFalse;
        }
    }

    /// <summary>Adds the provider, native finish reason and system fingerprint.</summary>
    public static void AddChoiceProperties(ref AdditionalPropertiesDictionary? properties, string? provider, string? nativeFinishReason, string? systemFingerprint)
    {
        if (provider is not null)
        {
            (properties ??= [])[OpenRouterResponseProperties.Provider] = provider;
        }

        if (nativeFinishReason is not null)
        {
            (properties ??= [])[OpenRouterResponseProperties.NativeFinishReason] = nativeFinishReason;
        }

        if (systemFingerprint is not null)
        {
            (properties ??= [])[OpenRouterResponseProperties.SystemFingerprint] = systemFingerprint;
        }
    }

    public static FunctionCallContent CreateFunctionCall(string? id, string? name, string? arguments)
    {
        string json = string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments;
        return FunctionCallContent.CreateFromParsedArguments(
            json,
            id ?? string.Empty,
            name ?? string.Empty,
            static text => JsonSerializer.Deserialize(text, OpenRouterJsonContext.Default.DictionaryStringObject));
    }

    /// <summary>Builds the exception for an error carried inside a response or a stream chunk.</summary>
    public static OpenRouterException InBandError(ChatCompletionFrame frame, string? generationId, string? modelId)
    {
        if (frame.Error is { } error)
        {
            return OpenRouterErrors.FromErrorObject(error, httpStatus: null, retryAfter: null, frame.Id ?? generationId, frame.Model ?? modelId);
        }

        return new OpenRouterException("OpenRouter ended the generation with finish_reason \"error\" and no error details.")
        {
            GenerationId = frame.Id ?? generationId,
            ModelId = frame.Model ?? modelId,
            ErrorCode = "error",
        };
    }

    /// <summary>Maps a whole (non-streaming) response.</summary>
    public static ChatResponse ToChatResponse(ChatCompletionFrame frame, JsonElement raw)
    {
        if (frame.Error is not null || frame.FinishReason == "error")
        {
            throw InBandError(frame, null, null);
        }

        var contents = new List<AIContent>(frame.ToolCalls.Count + 1);
        if (!string.IsNullOrEmpty(frame.Reasoning) || frame.ReasoningDetailsJson is not null)
        {
            contents.Add(new TextReasoningContent(frame.Reasoning ?? string.Empty) { ProtectedData = frame.ReasoningDetailsJson });
        }

        if (!string.IsNullOrEmpty(frame.Content))
        {
            contents.Add(new TextContent(frame.Content));
        }

        if (!string.IsNullOrEmpty(frame.Refusal))
        {
            contents.Add(CreateRefusal(frame.Refusal));
        }

        foreach (ToolCallFragment call in frame.ToolCalls)
        {
            contents.Add(CreateFunctionCall(call.Id, call.Name, call.Arguments));
        }

        var message = new ChatMessage(ChatRole.Assistant, contents) { CreatedAt = frame.Created };
        AdditionalPropertiesDictionary? properties = null;
        AddChoiceProperties(ref properties, frame.Provider, frame.NativeFinishReason, frame.SystemFingerprint);
        if (frame.Usage is { } usage)
        {
            AddUsageProperties(ref properties, usage);
        }

        if (frame.Logprobs is { } logprobs)
        {
            (properties ??= [])[OpenRouterResponseProperties.Logprobs] = logprobs;
        }

        return new ChatResponse(message)
        {
            ResponseId = frame.Id,
            ModelId = frame.Model,
            CreatedAt = frame.Created,
            FinishReason = MapFinishReason(frame.FinishReason),
            Usage = frame.Usage is { } u ? MapUsage(u) : null,
            AdditionalProperties = properties,
            RawRepresentation = raw,
        };
    }

    /// <summary>A refusal is shown as an <see cref="ErrorContent"/> with <see cref="ErrorContent.ErrorCode"/> <c>"refusal"</c>.</summary>
    public static ErrorContent CreateRefusal(string refusal) => new(refusal) { ErrorCode = "refusal" };
}
