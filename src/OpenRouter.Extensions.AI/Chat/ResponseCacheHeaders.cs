using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Copies OpenRouter's response-cache headers (<c>X-OpenRouter-Cache-*</c>) into a response's <c>AdditionalProperties</c>.</summary>
internal static class ResponseCacheHeaders
{
    /// <summary>
    /// Adds the headers to a whole response and to its message, where the properties of a streamed response land too
    /// (<c>ToChatResponseAsync</c> merges update properties into the message), so both modes show them in the same place.
    /// </summary>
    public static void CopyTo(HttpResponseMessage response, ChatResponse result)
    {
        result.AdditionalProperties = CopyTo(response, result.AdditionalProperties);
        if (result.AdditionalProperties?.ContainsKey(OpenRouterResponseProperties.ResponseCacheStatus) == true && result.Messages.Count > 0)
        {
            ChatMessage message = result.Messages[^1];
            message.AdditionalProperties = CopyTo(response, message.AdditionalProperties);
        }
    }

    /// <summary>Adds the headers that are present to <paramref name="properties"/> (created when needed) and returns it.</summary>
    public static AdditionalPropertiesDictionary? CopyTo(HttpResponseMessage response, AdditionalPropertiesDictionary? properties)
    {
        HttpHeadersNonValidated headers = response.Headers.NonValidated;
        if (!headers.TryGetValues(OpenRouterResponseProperties.ResponseCacheStatus, out HeaderStringValues status))
        {
            // Only a request sent with response caching gets any of them.
            return properties;
        }

        properties ??= [];
        properties[OpenRouterResponseProperties.ResponseCacheStatus] = status.ToString();
        CopyNumber(headers, OpenRouterResponseProperties.ResponseCacheAge, properties);
        CopyNumber(headers, OpenRouterResponseProperties.ResponseCacheTtl, properties);
        if (headers.TryGetValues(OpenRouterResponseProperties.ResponseCacheSourceId, out HeaderStringValues source))
        {
            properties[OpenRouterResponseProperties.ResponseCacheSourceId] = source.ToString();
        }

        return properties;
    }

    private static void CopyNumber(HttpHeadersNonValidated headers, string name, AdditionalPropertiesDictionary properties)
    {
        if (headers.TryGetValues(name, out HeaderStringValues values) &&
            long.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds))
        {
            properties[name] = seconds;
        }
    }

    /// <summary>A stream's decoder that puts the response cache's headers (which arrive before the stream) on its first update.</summary>
    internal sealed class StreamDecoder(IEventDecoder<ChatResponseUpdate> inner) : IEventDecoder<ChatResponseUpdate>
    {
        private AdditionalPropertiesDictionary? _headers;

        public string? GenerationId => inner.GenerationId;

        public void Started(HttpResponseMessage response) => _headers = CopyTo(response, properties: null);

        public bool Parse(ReadOnlySpan<byte> data) => inner.Parse(data);

        public ChatResponseUpdate? Next() => WithHeaders(inner.Next());

        public ChatResponseUpdate? Complete() => WithHeaders(inner.Complete());

        public OpenRouterException? TakeError() => inner.TakeError();

        public IReadOnlyList<ChatResponseUpdate> DecodeWhole(ReadOnlySpan<byte> body, HttpResponseMessage response) => inner.DecodeWhole(body, response);

        private ChatResponseUpdate? WithHeaders(ChatResponseUpdate? update)
        {
            if (update is not null && _headers is { } headers)
            {
                foreach (KeyValuePair<string, object?> header in headers)
                {
                    (update.AdditionalProperties ??= [])[header.Key] = header.Value;
                }

                _headers = null;
            }

            return update;
        }
    }
}
