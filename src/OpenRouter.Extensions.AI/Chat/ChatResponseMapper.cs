using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Maps the wire model (<see cref="WireChatCompletion"/> and its parts) to MEAI objects: the one place where an OpenRouter
/// response field gets its MEAI home. Shared by the JSON and the streaming paths so both agree.
/// </summary>
internal static class ChatResponseMapper
{
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

    /// <summary>Returns the finish reason of a choice, or <see langword="null"/> for a blank one (MEAI refuses blank values).</summary>
    public static string? FinishReasonOf(WireChoice? choice) =>
        choice?.FinishReason is { } finish && !string.IsNullOrWhiteSpace(finish) ? finish : null;

    /// <summary>
    /// Adds what describes the whole response: provider, native finish reason, <c>system_fingerprint</c>, <c>service_tier</c>.
    /// A stream repeats them on every chunk; they are taken from the finish chunk and the chunks after it (keeping them off
    /// the content updates spares a dictionary per chunk, measured in bench/).
    /// </summary>
    public static void AddFinishProperties(ref AdditionalPropertiesDictionary? properties, WireChatCompletion completion, WireChoice? choice)
    {
        AddString(ref properties, OpenRouterResponseProperties.Provider, completion.Provider);
        AddString(ref properties, OpenRouterResponseProperties.NativeFinishReason, choice?.NativeFinishReason);
        AddString(ref properties, OpenRouterResponseProperties.SystemFingerprint, completion.SystemFingerprint);
        AddString(ref properties, OpenRouterResponseProperties.ServiceTier, completion.ServiceTier);
    }

    /// <summary>
    /// Adds what a response or chunk carries besides content: the members of the response, choice and message no wire type
    /// names (<c>openrouter_metadata</c> and <c>logprobs</c> among them), under their wire names.
    /// </summary>
    public static void AddExtraProperties(ref AdditionalPropertiesDictionary? properties, WireChatCompletion completion, WireChoice? choice, WireMessage? message)
    {
        AddUnknown(ref properties, completion.ExtensionData);
        AddUnknown(ref properties, choice?.ExtensionData);
        AddUnknown(ref properties, message?.ExtensionData);
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

    /// <summary>
    /// The reasoning text of a message or delta: <c>reasoning</c> when present, otherwise the text of its <c>reasoning.text</c>
    /// and <c>reasoning.summary</c> details (so reasoning that arrives only as details is not lost, and is never counted twice).
    /// </summary>
    public static string? ReasoningText(WireMessage message)
    {
        if (!string.IsNullOrEmpty(message.Reasoning))
        {
            return message.Reasoning;
        }

        if (message.ReasoningDetails is not { Length: > 0 } details)
        {
            return null;
        }

        string? single = null;
        StringBuilder? joined = null;
        foreach (WireReasoningDetail detail in details)
        {
            if ((detail.Text ?? detail.Summary) is not { Length: > 0 } text)
            {
                continue;
            }

            if (single is null)
            {
                single = text;
            }
            else
            {
                (joined ??= new StringBuilder(single)).Append(text);
            }
        }

        return joined?.ToString() ?? single;
    }

    /// <summary>A <see cref="TextContent"/> for <paramref name="text"/>, carrying the annotations that came with it.</summary>
    public static TextContent CreateText(string text, WireAnnotation[]? annotations)
    {
        var content = new TextContent(text);
        if (annotations is { Length: > 0 })
        {
            var mapped = new List<AIAnnotation>(annotations.Length);
            foreach (WireAnnotation annotation in annotations)
            {
                mapped.Add(CreateAnnotation(annotation));
            }

            content.Annotations = mapped;
        }

        return content;
    }

    /// <summary>
    /// A <c>url_citation</c> becomes a <see cref="CitationAnnotation"/> (the cited <c>content</c> is its snippet; the
    /// <c>start_index</c>/<c>end_index</c> span is its region unless both are 0, which OpenRouter sends when the position is
    /// unknown). Any other annotation (e.g. <c>file</c>) is an <see cref="AIAnnotation"/> with its members, as received, in
    /// <see cref="AIAnnotation.AdditionalProperties"/> under their wire names.
    /// </summary>
    public static AIAnnotation CreateAnnotation(WireAnnotation annotation)
    {
        AdditionalPropertiesDictionary? properties = null;
        AIAnnotation result;
        if (annotation.UrlCitation is { } citation)
        {
            var mapped = new CitationAnnotation
            {
                Title = citation.Title,
                Snippet = citation.Content,
                Url = Uri.TryCreate(citation.Url, UriKind.Absolute, out Uri? url) ? url : null,
            };
            if (citation.StartIndex is { } start && citation.EndIndex is { } end && end > start && start >= 0 && end <= int.MaxValue)
            {
                mapped.AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = (int)start, EndIndex = (int)end }];
            }

            AddUnknown(ref properties, citation.ExtensionData);
            result = mapped;
        }
        else
        {
            result = new AIAnnotation();
            AddString(ref properties, "type", annotation.Type);
            AddElement(ref properties, "file", annotation.File);
        }

        AddUnknown(ref properties, annotation.ExtensionData);
        result.AdditionalProperties = properties;
        result.RawRepresentation = annotation;
        return result;
    }

    /// <summary>A generated image: a <see cref="DataContent"/> for a <c>data:</c> URI, a <see cref="UriContent"/> for an address.</summary>
    public static AIContent? CreateImage(WireImage image)
    {
        if (image.ImageUrl?.Url is not { Length: > 0 } url)
        {
            return null;
        }

        AIContent content;
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                content = new DataContent(url);
            }
            catch (FormatException ex)
            {
                throw new JsonException("An image's data URI is not valid.", ex);
            }
        }
        else if (Uri.TryCreate(url, UriKind.Absolute, out Uri? address))
        {
            content = new UriContent(address, "image/*");
        }
        else
        {
            return null;
        }

        content.RawRepresentation = image;
        return content;
    }

    /// <summary>Builds the exception for an error carried inside a response or a stream chunk.</summary>
    public static OpenRouterException InBandError(WireChatCompletion completion, string? generationId, string? modelId)
    {
        JsonElement error = completion.Error.ValueKind != JsonValueKind.Undefined ? completion.Error : completion.FirstChoice?.Error ?? default;
        if (IsError(error))
        {
            return ErrorObjects.FromErrorObject(error, httpStatus: null, retryAfter: null, completion.Id ?? generationId, completion.Model ?? modelId);
        }

        return new OpenRouterException("OpenRouter ended the generation with finish_reason \"error\" and no error details.")
        {
            GenerationId = completion.Id ?? generationId,
            ModelId = completion.Model ?? modelId,
            ErrorCode = "error",
        };
    }

    /// <summary>Whether a response or chunk reports an error (an <c>error</c> member, or <c>finish_reason</c> <c>"error"</c>).</summary>
    public static bool HasError(WireChatCompletion completion) =>
        IsError(completion.Error) || IsError(completion.FirstChoice?.Error) || completion.FirstChoice?.FinishReason == "error";

    /// <summary>Maps a whole (non-streaming) response; <paramref name="raw"/> becomes its <see cref="ChatResponse.RawRepresentation"/>.</summary>
    public static ChatResponse ToChatResponse(WireChatCompletion completion, OpenRouterRawJson raw)
    {
        if (HasError(completion))
        {
            throw InBandError(completion, null, null);
        }

        WireChoice? choice = completion.FirstChoice;
        WireMessage? message = choice?.Message;
        var contents = new List<AIContent>((message?.ToolCalls?.Length ?? 0) + 1);
        if (message is not null)
        {
            string? reasoning = ReasoningText(message);
            if (!string.IsNullOrEmpty(reasoning) || message.ReasoningDetails is not null)
            {
                contents.Add(new TextReasoningContent(reasoning ?? string.Empty)
                {
                    ProtectedData = message.ReasoningDetails is { } details ? ReasoningDetails.ToJson(details) : null,
                });
            }

            if (!string.IsNullOrEmpty(message.Content) || message.Annotations is { Length: > 0 })
            {
                contents.Add(CreateText(message.Content ?? string.Empty, message.Annotations));
            }

            AddImages(contents, message.Images);

            if (!string.IsNullOrEmpty(message.Refusal))
            {
                contents.Add(CreateRefusal(message.Refusal));
            }

            if (message.ToolCalls is { } calls)
            {
                foreach (WireToolCall call in calls)
                {
                    contents.Add(CreateFunctionCall(call.Id, call.Function?.Name, call.Function?.Arguments));
                }
            }
        }

        AdditionalPropertiesDictionary? properties = null;
        AddFinishProperties(ref properties, completion, choice);
        AddExtraProperties(ref properties, completion, choice, message);
        if (completion.Usage is { } usage)
        {
            UsageMapper.AddProperties(ref properties, usage);
        }

        // The properties are on the response and on its message: a stream's updates carry a MessageId, so
        // ToChatResponseAsync() merges their properties into the message, and both modes then show them in the same place.
        var chatMessage = new ChatMessage(ChatRole.Assistant, contents)
        {
            CreatedAt = CreatedAt(completion.Created),
            MessageId = completion.Id,
            RawRepresentation = message,
            AdditionalProperties = properties is null ? null : new AdditionalPropertiesDictionary(properties),
        };
        return new ChatResponse(chatMessage)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = CreatedAt(completion.Created),
            FinishReason = MapFinishReason(FinishReasonOf(choice)),
            Usage = completion.Usage is { } u ? UsageMapper.ToUsageDetails(u) : null,
            AdditionalProperties = properties,
            RawRepresentation = raw,
        };
    }

    /// <summary>Adds the generated images of a message or delta to <paramref name="contents"/>.</summary>
    public static void AddImages(List<AIContent> contents, WireImage[]? images)
    {
        if (images is null)
        {
            return;
        }

        foreach (WireImage image in images)
        {
            if (CreateImage(image) is { } content)
            {
                contents.Add(content);
            }
        }
    }

    /// <summary>A refusal is shown as an <see cref="ErrorContent"/> with <see cref="ErrorContent.ErrorCode"/> <c>"Refusal"</c>, as MEAI's OpenAI client reports one.</summary>
    public static ErrorContent CreateRefusal(string refusal) => new(refusal) { ErrorCode = "Refusal" };

    private static bool IsError(JsonElement? error) => error is { ValueKind: JsonValueKind.Object or JsonValueKind.String };

    /// <summary>The time of <c>created</c> (Unix seconds, already checked to be in range).</summary>
    public static DateTimeOffset? CreatedAt(long? unixSeconds) => unixSeconds is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static void AddString(ref AdditionalPropertiesDictionary? properties, string key, string? value)
    {
        if (value is not null)
        {
            (properties ??= [])[key] = value;
        }
    }

    private static void AddElement(ref AdditionalPropertiesDictionary? properties, string key, JsonElement? value)
    {
        if (value is { ValueKind: not JsonValueKind.Null } element)
        {
            (properties ??= [])[key] = element;
        }
    }

    /// <summary>Adds members no wire type names, under their wire names (JSON <c>null</c>s are left out).</summary>
    private static void AddUnknown(ref AdditionalPropertiesDictionary? properties, Dictionary<string, JsonElement>? unknown)
    {
        if (unknown is null)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonElement> pair in unknown)
        {
            if (pair.Value.ValueKind != JsonValueKind.Null)
            {
                (properties ??= [])[pair.Key] = pair.Value;
            }
        }
    }
}
