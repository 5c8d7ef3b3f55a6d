using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpenRouter.Testing;

/// <summary>
/// OpenRouter's prompt cache, as the emulator plays it: a request with <c>cache_control</c> breakpoints (top level, on a part, a
/// message or a tool) writes the prefix up to its last breakpoint; the same prefix seen again is reported as read from the
/// cache (<c>usage.prompt_tokens_details.cached_tokens</c>, one token per word of the prefix).
/// </summary>
internal sealed class EmulatorPromptCache
{
    private readonly ConcurrentDictionary<string, int> _prefixes = new(StringComparer.Ordinal);

    /// <summary>Returns the cached tokens of this request (0 the first time a prefix is seen) and remembers its prefix.</summary>
    public int Observe(JsonNode? body, int promptTokens)
    {
        if (body is not JsonObject request || Prefix(request) is not { } prefix)
        {
            return 0;
        }

        int tokens = Math.Min(promptTokens, Math.Max(1, WireFormat.CountWords(prefix)));
        return _prefixes.TryAdd(prefix, tokens) ? 0 : tokens;
    }

    /// <summary>The text of the request up to its last breakpoint (the whole conversation for a top-level one); <see langword="null"/> without breakpoints.</summary>
    private static string? Prefix(JsonObject request)
    {
        string tools = request["tools"]?.ToJsonString() ?? string.Empty;
        JsonArray messages = request["messages"] as JsonArray ?? [];
        if (request["cache_control"] is not null)
        {
            return tools + messages.ToJsonString();
        }

        int last = -1;
        for (int i = 0; i < messages.Count; i++)
        {
            if (HasBreakpoint(messages[i]))
            {
                last = i;
            }
        }

        if (last >= 0)
        {
            return tools + new JsonArray([.. messages.Take(last + 1).Select(m => m?.DeepClone())]).ToJsonString();
        }

        return request["tools"] is JsonArray toolList && toolList.Any(t => t?["cache_control"] is not null) ? tools : null;
    }

    private static bool HasBreakpoint(JsonNode? message) =>
        message?["cache_control"] is not null ||
        (message?["content"] is JsonArray parts && parts.Any(p => p?["cache_control"] is not null));
}

/// <summary>
/// OpenRouter's response cache, as the emulator plays it: a chat request with <c>X-OpenRouter-Cache: true</c> is answered with
/// <c>X-OpenRouter-Cache-Status: MISS</c> and its TTL the first time, and with <c>HIT</c>, <c>-Age</c> and the remaining TTL when the
/// same body comes again within the TTL (<c>X-OpenRouter-Cache-TTL</c>, default 300 s; <c>X-OpenRouter-Cache-Clear: true</c> starts over).
/// The answer itself is generated again each time.
/// </summary>
internal sealed class EmulatorResponseCache
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Stored, int Ttl)> _entries = new(StringComparer.Ordinal);

    /// <summary>Sets the cache headers of the answer to <paramref name="request"/>, when it asks for the response cache.</summary>
    public void Answer(HttpContext http, RecordedRequest request)
    {
        if (!string.Equals(request.GetHeader("X-OpenRouter-Cache"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        int ttl = int.TryParse(request.GetHeader("X-OpenRouter-Cache-TTL"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int asked)
            ? Math.Clamp(asked, 1, 86_400)
            : 300;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        bool clear = string.Equals(request.GetHeader("X-OpenRouter-Cache-Clear"), "true", StringComparison.OrdinalIgnoreCase);
        IHeaderDictionary headers = http.Response.Headers;
        if (!clear && _entries.TryGetValue(request.Body, out var entry) && now - entry.Stored < TimeSpan.FromSeconds(entry.Ttl))
        {
            int age = (int)(now - entry.Stored).TotalSeconds;
            headers["X-OpenRouter-Cache-Status"] = "HIT";
            headers["X-OpenRouter-Cache-Age"] = age.ToString(CultureInfo.InvariantCulture);
            headers["X-OpenRouter-Cache-TTL"] = (entry.Ttl - age).ToString(CultureInfo.InvariantCulture);
            return;
        }

        _entries[request.Body] = (now, ttl);
        headers["X-OpenRouter-Cache-Status"] = "MISS";
        headers["X-OpenRouter-Cache-TTL"] = ttl.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The emulator's answer to a request with OpenRouter server tools other than web search (<c>openrouter:datetime</c>,
/// <c>openrouter:web_fetch</c>, <c>openrouter:image_generation</c>, …): a text naming each tool with a canned result, and for
/// image generation one generated image in <c>message.images</c>. When the demo script would call a function tool, that answer is given.
/// </summary>
internal sealed record ServerToolAnswer : EmulatorResponse
{
    /// <summary>The canned result of <c>openrouter:datetime</c>.</summary>
    public const string DateTimeResult = "2026-01-01T12:00:00Z";

    /// <summary>Whether <paramref name="body"/> carries a server tool (<c>openrouter:…</c>) the emulator answers this way.</summary>
    public static bool IsRequested(JsonNode? body) => ServerTools(body).Any();

    internal override Task WriteAsync(ResponseContext context)
    {
        EmulatorCompletion demo = DemoScript.Answer(context.Body!);
        if (demo.ToolCalls.Count > 0)
        {
            return (demo with { Delay = Delay, EventDelay = EventDelay }).WriteAsync(context);
        }

        var results = new List<string>();
        EmulatorCompletion completion = Text(string.Empty);
        foreach (string type in ServerTools(context.Body).Distinct(StringComparer.Ordinal))
        {
            switch (type)
            {
                case "openrouter:datetime":
                    results.Add($"{type} says {DateTimeResult}");
                    break;
                case "openrouter:image_generation":
                    results.Add($"{type} made one image");
                    completion = completion.WithImages(EmulatorImage.FromBytes(EmulatorImages.Png("server tool")));
                    break;
                case "openrouter:web_fetch":
                    results.Add($"{type} fetched an invented page");
                    break;
                default:
                    results.Add($"{type} ran (canned)");
                    break;
            }
        }

        string text = $"{DemoScript.Prefix} Server tools (demo): {string.Join("; ", results)}.";
        return (completion with { Content = text, Delay = Delay, EventDelay = EventDelay }).WriteAsync(context);
    }

    private static IEnumerable<string> ServerTools(JsonNode? body) =>
        (body?["tools"] as JsonArray ?? []).Select(t => t?["type"] is JsonValue v && v.TryGetValue(out string? type) ? type : null)
            .OfType<string>()
            .Where(t => t.StartsWith("openrouter:", StringComparison.Ordinal) && t != "openrouter:web_search");
}

/// <summary>
/// The emulator's answer to a request for spoken output (<c>modalities</c> with <c>audio</c>): a short transcript and a tiny WAV
/// file, as <c>message.audio</c> or, streaming, as <c>delta.audio</c> pieces (base64 pieces of the audio with pieces of the transcript).
/// </summary>
internal sealed record AudioAnswer : EmulatorResponse
{
    /// <summary>The transcript the emulator speaks.</summary>
    public const string Transcript = "Hello from the OpenRouter emulator.";

    /// <summary>Whether <paramref name="body"/> asks for audio output.</summary>
    public static bool IsRequested(JsonNode? body) =>
        body?["modalities"] is JsonArray modalities && modalities.Any(m => m is JsonValue v && v.TryGetValue(out string? s) && s == "audio");

    /// <summary>A valid, silent 16-bit mono WAV file of 16 samples.</summary>
    public static byte[] Wav()
    {
        const int samples = 16;
        byte[] wav = new byte[44 + (samples * 2)];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 24_000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 48_000);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples * 2);
        return wav;
    }

    internal override Task WriteAsync(ResponseContext context)
    {
        EmulatorCompletion completion = Text(Transcript) with { Delay = Delay, EventDelay = EventDelay };
        CompletionPlan plan = CompletionPlan.Create(completion, context);
        byte[] wav = Wav();
        HttpResponse response = context.Http.Response;
        response.StatusCode = 200;
        if (!context.Streaming)
        {
            JsonNode root = JsonNode.Parse(WireFormat.CompletionJson(plan))!;
            JsonNode message = root["choices"]![0]!["message"]!;
            message["content"] = null;
            message["audio"] = new JsonObject { ["id"] = "audio_emulator", ["data"] = Convert.ToBase64String(wav), ["transcript"] = Transcript, ["expires_at"] = 0 };
            response.ContentType = "application/json";
            return context.WriteBodyAsync(completion, root.ToJsonString(WireFormat.JsonOptions));
        }

        // Each content chunk of the plan becomes an audio chunk: a piece of the transcript with a piece of the WAV.
        List<string> events = WireFormat.StreamEvents(plan);
        var contentEvents = events.Select((e, i) => (e, i)).Where(x => x.e.Contains("\"content\":", StringComparison.Ordinal) && !x.e.Contains("\"content\":\"\"", StringComparison.Ordinal)).ToList();
        int pieceSize = (wav.Length + contentEvents.Count - 1) / Math.Max(1, contentEvents.Count);
        for (int n = 0; n < contentEvents.Count; n++)
        {
            JsonNode chunk = JsonNode.Parse(contentEvents[n].e["data: ".Length..].Trim())!;
            JsonNode delta = chunk["choices"]![0]!["delta"]!;
            string piece = delta["content"]!.GetValue<string>();
            int start = Math.Min(wav.Length, n * pieceSize);
            delta.AsObject().Remove("content");
            delta["audio"] = new JsonObject
            {
                ["id"] = "audio_emulator",
                ["data"] = Convert.ToBase64String(wav.AsSpan(start, Math.Min(pieceSize, wav.Length - start))),
                ["transcript"] = piece,
            };
            events[contentEvents[n].i] = "data: " + chunk.ToJsonString(WireFormat.JsonOptions) + "\n\n";
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        return context.WriteEventsAsync(completion, events);
    }
}
