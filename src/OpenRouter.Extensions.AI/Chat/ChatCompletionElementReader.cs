using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads a whole (non-streaming) <c>chat.completion</c> from the <see cref="JsonElement"/> that is also kept as
/// <see cref="Microsoft.Extensions.AI.ChatResponse.RawRepresentation"/>, so the body is tokenized once instead of twice.
/// Same rules as <see cref="ChatCompletionReader.Read"/> with <c>streaming: false</c>: first choice only, unknown members
/// ignored, non-string values where a string is expected read as <see langword="null"/>, last duplicate wins.
/// </summary>
internal static class ChatCompletionElementReader
{
    /// <summary>Reads <paramref name="root"/> into <paramref name="frame"/> (which is reset first).</summary>
    /// <exception cref="JsonException">The input is not a JSON object of the expected shape.</exception>
    public static void Read(JsonElement root, ChatCompletionFrame frame)
    {
        frame.Reset();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected {JsonTokenType.StartObject}.");
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (property.NameEquals("id"u8))
            {
                frame.Id = String(value);
            }
            else if (property.NameEquals("model"u8))
            {
                frame.Model = String(value);
            }
            else if (property.NameEquals("provider"u8))
            {
                frame.Provider = String(value);
            }
            else if (property.NameEquals("created"u8))
            {
                if (value.ValueKind == JsonValueKind.Number)
                {
                    long seconds = value.TryGetInt64(out long s) ? s : (long)value.GetDouble();
                    frame.Created = DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
            }
            else if (property.NameEquals("system_fingerprint"u8))
            {
                frame.SystemFingerprint = String(value);
            }
            else if (property.NameEquals("choices"u8))
            {
                ReadChoices(value, frame);
            }
            else if (property.NameEquals("usage"u8))
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    frame.Usage = ReadUsage(value);
                }
            }
            else if (property.NameEquals("error"u8))
            {
                ReadError(value, frame);
            }
        }
    }

    private static void ReadChoices(JsonElement choices, ChatCompletionFrame frame)
    {
        if (choices.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement choice in choices.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (JsonProperty property in choice.EnumerateObject())
            {
                JsonElement value = property.Value;
                if (property.NameEquals("delta"u8) || property.NameEquals("message"u8))
                {
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        ReadMessage(value, frame);
                    }
                }
                else if (property.NameEquals("finish_reason"u8))
                {
                    frame.FinishReason = String(value);
                }
                else if (property.NameEquals("native_finish_reason"u8))
                {
                    frame.NativeFinishReason = String(value);
                }
                else if (property.NameEquals("logprobs"u8))
                {
                    if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        frame.Logprobs = value;
                    }
                }
                else if (property.NameEquals("error"u8))
                {
                    ReadError(value, frame);
                }
            }

            return; // Only the first choice object is read.
        }
    }

    private static void ReadMessage(JsonElement message, ChatCompletionFrame frame)
    {
        foreach (JsonProperty property in message.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (property.NameEquals("content"u8))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    frame.Content = value.GetString();
                }
                else if (value.ValueKind == JsonValueKind.Array)
                {
                    frame.Content = ReadTextParts(value);
                }
            }
            else if (property.NameEquals("reasoning"u8))
            {
                frame.Reasoning = String(value);
            }
            else if (property.NameEquals("refusal"u8))
            {
                frame.Refusal = String(value);
            }
            else if (property.NameEquals("tool_calls"u8))
            {
                ReadToolCalls(value, frame);
            }
            else if (property.NameEquals("reasoning_details"u8))
            {
                if (value.ValueKind == JsonValueKind.Array)
                {
                    frame.ReasoningDetailsJson = value.GetRawText();
                }
            }
        }
    }

    private static string? ReadTextParts(JsonElement parts)
    {
        StringBuilder? text = null;
        foreach (JsonElement part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? partText = null;
            bool isText = false;
            foreach (JsonProperty property in part.EnumerateObject())
            {
                if (property.NameEquals("type"u8))
                {
                    isText = property.Value.ValueKind == JsonValueKind.String && property.Value.ValueEquals("text"u8);
                }
                else if (property.NameEquals("text"u8))
                {
                    partText = String(property.Value);
                }
            }

            if (isText && partText is not null)
            {
                (text ??= new StringBuilder()).Append(partText);
            }
        }

        return text?.ToString();
    }

    private static void ReadToolCalls(JsonElement calls, ChatCompletionFrame frame)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        int position = 0;
        foreach (JsonElement element in calls.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var call = new ToolCallFragment { Index = position++ };
            foreach (JsonProperty property in element.EnumerateObject())
            {
                JsonElement value = property.Value;
                if (property.NameEquals("index"u8))
                {
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int index))
                    {
                        call.Index = index;
                    }
                }
                else if (property.NameEquals("id"u8))
                {
                    call.Id = String(value);
                }
                else if (property.NameEquals("function"u8) && value.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty function in value.EnumerateObject())
                    {
                        if (function.NameEquals("name"u8))
                        {
                            call.Name = String(function.Value);
                        }
                        else if (function.NameEquals("arguments"u8))
                        {
                            call.Arguments = function.Value.ValueKind switch
                            {
                                JsonValueKind.String => function.Value.GetString(),
                                JsonValueKind.Object or JsonValueKind.Array => function.Value.GetRawText(),
                                JsonValueKind.Null => null,
                                _ => throw new JsonException("tool_calls[].function.arguments must be a string."),
                            };
                        }
                    }
                }
            }

            frame.ToolCalls.Add(call);
        }
    }

    private static ChatUsage ReadUsage(JsonElement element)
    {
        var usage = new ChatUsage();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (property.NameEquals("prompt_tokens"u8))
            {
                usage.PromptTokens = Count(value);
            }
            else if (property.NameEquals("completion_tokens"u8))
            {
                usage.CompletionTokens = Count(value);
            }
            else if (property.NameEquals("total_tokens"u8))
            {
                usage.TotalTokens = Count(value);
            }
            else if (property.NameEquals("cost"u8))
            {
                usage.Cost = Decimal(value);
            }
            else if (property.NameEquals("is_byok"u8))
            {
                usage.IsByok = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
            }
            else if (property.NameEquals("prompt_tokens_details"u8) || property.NameEquals("completion_tokens_details"u8))
            {
                bool prompt = property.NameEquals("prompt_tokens_details"u8);
                if (value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (JsonProperty detail in value.EnumerateObject())
                {
                    if (prompt && detail.NameEquals("cached_tokens"u8))
                    {
                        usage.CachedTokens = Count(detail.Value);
                    }
                    else if (prompt && detail.NameEquals("cache_write_tokens"u8))
                    {
                        usage.CacheWriteTokens = Count(detail.Value);
                    }
                    else if (!prompt && detail.NameEquals("reasoning_tokens"u8))
                    {
                        usage.ReasoningTokens = Count(detail.Value);
                    }
                }
            }
        }

        return usage;
    }

    private static void ReadError(JsonElement value, ChatCompletionFrame frame)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            frame.Error = value;
        }
    }

    private static long? Count(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out long n) ? n : (long)value.GetDouble(),
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) => n,
        _ => null,
    };

    private static decimal? Decimal(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetDecimal(out decimal d))
            {
                return d;
            }

            // Exponent forms such as 1.5e-7: parse the token text exactly.
            byte[] raw = Encoding.UTF8.GetBytes(value.GetRawText());
            return Utf8Parser.TryParse(raw, out decimal parsed, out _, 'e') ? parsed : (decimal)value.GetDouble();
        }

        if (value.ValueKind == JsonValueKind.String &&
            decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal fromText))
        {
            return fromText;
        }

        return null;
    }

    private static string? String(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
