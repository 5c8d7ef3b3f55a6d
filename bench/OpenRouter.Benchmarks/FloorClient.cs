using System.Buffers;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace OpenRouter.Benchmarks;

/// <summary>What the floor pulls out of an answer.</summary>
internal sealed class FloorResult
{
    public StringBuilder Text { get; } = new();

    public StringBuilder Reasoning { get; } = new();

    public StringBuilder Arguments { get; } = new();

    public string? ToolName { get; set; }

    public long PromptTokens { get; set; }

    public long CompletionTokens { get; set; }

    public long TotalTokens { get; set; }
}

/// <summary>
/// The hand-written floor: a bare <see cref="HttpClient"/> call with a prebuilt body, then <see cref="SseParser"/> and a
/// <see cref="Utf8JsonReader"/> that pull only the delta strings (content, reasoning, tool name and arguments) and the token
/// counts. No MEAI objects, no per-chunk object: the least any client must do to hand over the same answer.
/// </summary>
internal sealed class FloorClient(HttpClient http)
{
    private static readonly Uri Endpoint = new("https://openrouter.ai/api/v1/chat/completions");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly AuthenticationHeaderValue Auth = new("Bearer", Clients.ApiKey);
    private static readonly byte[] StreamBody = """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"Tell me a story about a fox."}],"stream":true,"stream_options":{"include_usage":true}}"""u8.ToArray();
    private static readonly byte[] JsonBody = """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"Tell me a story about a fox."}]}"""u8.ToArray();

    public async Task<FloorResult> StreamAsync(CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = NewRequest(StreamBody);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var result = new FloorResult();
            await foreach (SseItem<bool> item in SseParser.Create(stream, (_, data) => Pull(data, result)).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!item.Data)
                {
                    break;
                }
            }

            return result;
        }
    }

    public async Task<FloorResult> CompleteAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(JsonBody, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends a prebuilt body and pulls the answer out of the JSON response.</summary>
    public async Task<FloorResult> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage request = NewRequest(body);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var result = new FloorResult();
        Pull(bytes, result);
        return result;
    }

    private static HttpRequestMessage NewRequest(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
        request.Headers.Authorization = Auth;
        return request;
    }

    /// <summary>Pulls the strings and counts of one chunk or response; returns false for [DONE].</summary>
    private static bool Pull(ReadOnlySpan<byte> data, FloorResult result)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(data);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("content"u8))
            {
                AppendString(ref reader, result.Text);
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                AppendString(ref reader, result.Reasoning);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                AppendString(ref reader, result.Arguments);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                result.ToolName ??= reader.GetString();
            }
            else if (reader.ValueTextEquals("reasoning_details"u8))
            {
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                result.PromptTokens = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                reader.Read();
                result.CompletionTokens = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                result.TotalTokens = reader.GetInt64();
            }
        }

        return true;
    }

    /// <summary>Appends a string value (if the value is a string) without materializing it.</summary>
    private static void AppendString(ref Utf8JsonReader reader, StringBuilder target)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        char[] rented = ArrayPool<char>.Shared.Rent(max);
        int written = reader.CopyString(rented);
        target.Append(rented, 0, written);
        ArrayPool<char>.Shared.Return(rented);
    }
}
