using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>Reads a <c>chat.completion</c> body or a <c>chat.completion.chunk</c> event into the wire model.</summary>
internal static class WireReader
{
    /// <summary>Reads <paramref name="json"/>.</summary>
    /// <param name="json">The UTF-8 JSON of one response or chunk.</param>
    /// <param name="previous">The stream's previous chunk, whose <see cref="WireEnvelope"/> this one may share.</param>
    /// <returns>The parsed response or chunk.</returns>
    /// <exception cref="JsonException">The input is not one JSON object.</exception>
    public static WireChatCompletion Read(ReadOnlySpan<byte> json, WireChatCompletion? previous = null)
    {
        var reader = new Utf8JsonReader(json, WireJson.ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a JSON object, found {(json.IsEmpty ? "nothing" : reader.TokenType.ToString())}.");
            }

            WireChatCompletion completion = WireChatCompletion.Read(ref reader, previous?.Envelope);

            // Nothing but whitespace (or comments) may follow; the reader throws on anything else.
            if (reader.Read())
            {
                throw new JsonException("Expected the end of the input after the JSON object.");
            }

            return completion;
        }
        catch (InvalidOperationException ex)
        {
            // Text that is not valid UTF-8 surfaces as InvalidOperationException from the reader...
            throw new JsonException("The response contains text that is not valid UTF-8.", ex);
        }
        catch (JsonException ex) when (ex.InnerException is InvalidOperationException)
        {
            // ...or wrapped by the serializer (in the parts it reads).
            throw new JsonException("The response contains text that is not valid UTF-8.", ex);
        }
    }
}
