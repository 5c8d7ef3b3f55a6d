using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads a <c>chat.completion</c> body or a <c>chat.completion.chunk</c> event into a <see cref="ChatCompletionFrame"/>
/// with one <see cref="Utf8JsonReader"/> pass: no DOM, no intermediate object graph. Unknown members are skipped.
/// Only the first choice is read (OpenRouter returns one).
/// </summary>
internal static class ChatCompletionReader
{
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };

    /// <summary>Reads <paramref name="json"/> into <paramref name="frame"/> (which is reset first).</summary>
    /// <param name="json">The UTF-8 JSON of one response or chunk.</param>
    /// <param name="frame">The frame to fill.</param>
    /// <param name="streaming">True for a chunk (<c>delta</c>, details kept as pieces); false for a whole response (<c>message</c>, details kept verbatim).</param>
    /// <exception cref="JsonException">The input is not a JSON object of the expected shape.</exception>
    public static void Read(ReadOnlySpan<byte> json, ChatCompletionFrame frame, bool streaming)
    {
        try
        {
            ReadCore(json, frame, streaming);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader.GetString and JsonElement.GetRawText throw this for text that is not valid UTF-8.
            throw new JsonException("The response contains text that is not valid UTF-8.", ex);
        }
    }

    private static void ReadCore(ReadOnlySpan<byte> json, ChatCompletionFrame frame, bool streaming)
    {
        frame.Reset();
        var reader = new Utf8JsonReader(json, ReaderOptions);
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                frame.Id = ReadString(ref reader, frame.LastId);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                frame.Model = ReadString(ref reader, frame.LastModel);
            }
            else if (reader.ValueTextEquals("provider"u8))
            {
                frame.Provider = ReadString(ref reader, frame.LastProvider);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                // A timestamp outside DateTimeOffset's range (or not a number) is ignored rather than failing the answer.
                frame.Created = ReadCount(ref reader) is long seconds && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null;
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                frame.SystemFingerprint = ReadString(ref reader, frame.LastSystemFingerprint);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                ReadChoices(ref reader, frame, streaming);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    frame.Usage = ReadUsage(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                ReadError(ref reader, frame);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadChoices(ref Utf8JsonReader reader, ChatCompletionFrame frame, bool streaming)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        bool first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadMessage(ref reader, frame, streaming);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    // An empty finish reason is no finish reason (MEAI's ChatFinishReason refuses blank values).
                    frame.FinishReason = ReadFinishReason(ref reader) is { } finish && !string.IsNullOrWhiteSpace(finish) ? finish : null;
                }
                else if (reader.ValueTextEquals("native_finish_reason"u8))
                {
                    frame.NativeFinishReason = ReadFinishReason(ref reader);
                }
                else if (reader.ValueTextEquals("logprobs"u8))
                {
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        frame.Logprobs = JsonElement.ParseValue(ref reader);
                    }
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    ReadError(ref reader, frame);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }
    }

    private static void ReadMessage(ref Utf8JsonReader reader, ChatCompletionFrame frame, bool streaming)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    frame.Content = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    frame.Content = ReadTextParts(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                frame.Reasoning = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                frame.Refusal = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                ReadToolCalls(ref reader, frame);
            }
            else if (reader.ValueTextEquals("reasoning_details"u8))
            {
                ReadReasoningDetails(ref reader, frame, streaming);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static string? ReadTextParts(ref Utf8JsonReader reader)
    {
        StringBuilder? text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? partText = null;
            bool isText = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isText = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    partText = ReadString(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            if (isText && partText is not null)
            {
                (text ??= new StringBuilder()).Append(partText);
            }
        }

        return text?.ToString();
    }

    private static void ReadToolCalls(ref Utf8JsonReader reader, ChatCompletionFrame frame)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        int position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var call = new ToolCallFragment { Index = position++ };
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    if (ReadCount(ref reader) is long index and >= int.MinValue and <= int.MaxValue)
                    {
                        call.Index = (int)index;
                    }
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    call.Id = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            call.Name = ReadString(ref reader);
                        }
                        else if (reader.ValueTextEquals("arguments"u8))
                        {
                            reader.Read();
                            call.Arguments = reader.TokenType switch
                            {
                                JsonTokenType.String => reader.GetString(),
                                JsonTokenType.StartObject or JsonTokenType.StartArray => RawText(ref reader),
                                JsonTokenType.Null => null,
                                _ => throw new JsonException("tool_calls[].function.arguments must be a string."),
                            };
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            frame.ToolCalls.Add(call);
        }
    }

    private static void ReadReasoningDetails(ref Utf8JsonReader reader, ChatCompletionFrame frame, bool streaming)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        if (!streaming)
        {
            frame.ReasoningDetailsJson = RawText(ref reader);
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var piece = new ReasoningDetailPiece();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    piece.Type = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    piece.Text = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("summary"u8))
                {
                    piece.Summary = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    piece.Data = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("signature"u8))
                {
                    piece.Signature = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    piece.Id = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("format"u8))
                {
                    piece.Format = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    if (ReadCount(ref reader) is long index and >= int.MinValue and <= int.MaxValue)
                    {
                        piece.Index = (int)index;
                    }
                }
                else
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    (piece.Extra ??= []).Add(new(name, RawText(ref reader)));
                }
            }

            frame.ReasoningPieces.Add(piece);
        }
    }

    private static ChatUsage ReadUsage(ref Utf8JsonReader reader)
    {
        var usage = new ChatUsage();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage.PromptTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                usage.CompletionTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                usage.TotalTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cost"u8))
            {
                usage.Cost = ReadDecimal(ref reader);
            }
            else if (reader.ValueTextEquals("is_byok"u8))
            {
                reader.Read();
                usage.IsByok = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8) || reader.ValueTextEquals("completion_tokens_details"u8))
            {
                bool prompt = reader.ValueTextEquals("prompt_tokens_details"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (NextProperty(ref reader))
                {
                    if (prompt && reader.ValueTextEquals("cached_tokens"u8))
                    {
                        usage.CachedTokens = ReadCount(ref reader);
                    }
                    else if (prompt && reader.ValueTextEquals("cache_write_tokens"u8))
                    {
                        usage.CacheWriteTokens = ReadCount(ref reader);
                    }
                    else if (!prompt && reader.ValueTextEquals("reasoning_tokens"u8))
                    {
                        usage.ReasoningTokens = ReadCount(ref reader);
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return usage;
    }

    private static void ReadError(ref Utf8JsonReader reader, ChatCompletionFrame frame)
    {
        reader.Read();
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String)
        {
            frame.Error = JsonElement.ParseValue(ref reader);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>Reads an integer count; a fraction is truncated, and a number outside <see cref="long"/>'s range, or anything else, reads as <see langword="null"/>.</summary>
    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long value))
                {
                    return value;
                }

                // 2^63 is exactly representable; anything at or beyond it (or a non-finite value) does not fit a long.
                return reader.TryGetDouble(out double number) && double.IsFinite(number) && number > -9.2233720368547758E18 && number < 9.2233720368547758E18
                    ? (long)number
                    : null;
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    private static decimal? ReadDecimal(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDecimal(out decimal value))
            {
                return value;
            }

            // Exponent forms such as 1.5e-7: parse the token text exactly.
            ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            if (Utf8Parser.TryParse(raw, out decimal parsed, out int consumed, 'e') && consumed == raw.Length)
            {
                return parsed;
            }

            // Beyond decimal's range (e.g. 1e400): not a price or cost OpenRouter sends; read as unknown.
            return reader.TryGetDouble(out double number) && double.IsFinite(number) && Math.Abs(number) < 7.9e28 ? (decimal)number : null;
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        if (reader.TokenType == JsonTokenType.String &&
            decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal fromText))
        {
            return fromText;
        }

        return null;
    }

    /// <summary>Reads a string, returning <paramref name="previous"/> instead of a new string when the text is the same.</summary>
    private static string? ReadString(ref Utf8JsonReader reader, string? previous)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return previous is not null && reader.ValueTextEquals(previous) ? previous : reader.GetString();
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return null;
    }

    /// <summary>Reads a finish reason; the common values are returned as shared strings instead of new ones.</summary>
    private static string? ReadFinishReason(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> value = reader.ValueSpan;
            if (value.SequenceEqual("stop"u8))
            {
                return "stop";
            }

            if (value.SequenceEqual("tool_calls"u8))
            {
                return "tool_calls";
            }

            if (value.SequenceEqual("length"u8))
            {
                return "length";
            }

            if (value.SequenceEqual("tool_use"u8))
            {
                return "tool_use";
            }

            if (value.SequenceEqual("end_turn"u8))
            {
                return "end_turn";
            }
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return null;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return null;
    }

    /// <summary>Returns the JSON text of the value the reader is on (a start token or a primitive).</summary>
    private static string RawText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            JsonElement value = JsonElement.ParseValue(ref reader);
            return value.GetRawText();
        }

        return reader.TokenType switch
        {
            JsonTokenType.String => JsonSerializer.Serialize(reader.GetString(), OpenRouterJsonContext.Default.String),
            _ => Encoding.UTF8.GetString(reader.ValueSpan),
        };
    }

    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("Unexpected end of JSON.");
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException($"Expected a property name, found {reader.TokenType}.");
        }

        return true;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}.");
        }
    }
}
