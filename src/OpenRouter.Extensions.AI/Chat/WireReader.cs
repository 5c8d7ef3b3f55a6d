using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>Reads a <c>chat.completion</c> body or a <c>chat.completion.chunk</c> event into the wire model.</summary>
internal static class WireReader
{
    /// <summary>Reads <paramref name="json"/>.</summary>
    /// <param name="json">The UTF-8 JSON of one response or chunk.</param>
    /// <returns>The parsed response or chunk.</returns>
    /// <exception cref="JsonException">The input is not a JSON object of the expected shape.</exception>
    public static WireChatCompletion Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, OpenRouterJsonContext.Default.WireChatCompletion)
                ?? throw new JsonException("Expected a JSON object, found null.");
        }
        catch (InvalidOperationException ex)
        {
            // Text that is not valid UTF-8 surfaces as InvalidOperationException from the reader...
            throw new JsonException("The response contains text that is not valid UTF-8.", ex);
        }
        catch (JsonException ex) when (ex.InnerException is InvalidOperationException)
        {
            // ...or wrapped by the serializer.
            throw new JsonException("The response contains text that is not valid UTF-8.", ex);
        }
    }
}
