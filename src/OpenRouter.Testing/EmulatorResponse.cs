using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// A scripted answer of an <see cref="OpenRouterEmulator"/>. Create one with the static factory methods, optionally
/// shape it with <c>with</c> expressions or the fault-injection methods of <see cref="EmulatorResponseExtensions"/>,
/// and pass it to <see cref="OpenRouterEmulator.Enqueue(EmulatorResponse)"/>.
/// </summary>
/// <remarks>
/// Streamed bodies (server-sent events) are written one event at a time and flushed after each event. Events are
/// counted from the start of the body, so the <c>: OPENROUTER PROCESSING</c> comment line is event 0.
/// </remarks>
public abstract record EmulatorResponse
{
    private protected EmulatorResponse()
    {
    }

    /// <summary>Gets the time to wait before the response status and headers are sent.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets the time to wait before every streamed event after the first one; zero (the default) for the emulator's <see cref="OpenRouterEmulatorOptions.TokenDelay"/>.</summary>
    public TimeSpan EventDelay { get; init; }

    /// <summary>
    /// Gets extra waits keyed by 0-based event index: the emulator waits this long before writing that event
    /// (use it to simulate a stalled stream).
    /// </summary>
    public IReadOnlyDictionary<int, TimeSpan>? Stalls { get; init; }

    /// <summary>
    /// Gets the number of streamed events after which the connection is aborted (reset) without completing the body,
    /// or <see langword="null"/> for no abort. For a body that is not a stream, any value sends half of the body and
    /// then aborts.
    /// </summary>
    public int? AbortAfterEvents { get; init; }

    /// <summary>
    /// Gets the number of streamed events after which the body ends normally (no abort), so the stream lacks its
    /// remaining events such as the finish chunk and <c>data: [DONE]</c>; <see langword="null"/> to send everything.
    /// For a body that is not a stream, any value sends only the first half of the body.
    /// </summary>
    public int? EndAfterEvents { get; init; }

    /// <summary>
    /// Creates a chat completion that answers with <paramref name="text"/>: a <c>chat.completion</c> JSON body, or a
    /// server-sent-event stream whose content is split into several deltas when the request asks for <c>"stream": true</c>.
    /// </summary>
    /// <param name="text">The assistant message content.</param>
    /// <returns>The completion; refine it with its <c>With…</c> methods or a <c>with</c> expression.</returns>
    public static EmulatorCompletion Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new EmulatorCompletion { Content = text };
    }

    /// <summary>
    /// Creates a chat completion whose streamed content is sent as exactly these deltas, in order. A request that
    /// does not stream receives the concatenated text.
    /// </summary>
    /// <param name="chunks">The content deltas.</param>
    /// <returns>The completion.</returns>
    public static EmulatorCompletion StreamedText(params string[] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return new EmulatorCompletion { Content = string.Concat(chunks), ContentChunks = [.. chunks] };
    }

    /// <summary>
    /// Creates a chat completion that calls one tool (finish reason <c>tool_calls</c>). When streamed, the id and name
    /// arrive in the first fragment and the arguments are split across several fragments.
    /// </summary>
    /// <param name="name">The function name.</param>
    /// <param name="argumentsJson">The arguments as a JSON text, sent verbatim.</param>
    /// <param name="id">The tool call id; <c>call_emulator_0</c> when omitted.</param>
    /// <returns>The completion.</returns>
    public static EmulatorCompletion ToolCall(string name, string argumentsJson, string? id = null) =>
        ToolCall(new EmulatorToolCall(name, argumentsJson, id));

    /// <summary>Creates a chat completion that calls several tools in one assistant message (finish reason <c>tool_calls</c>).</summary>
    /// <param name="calls">The tool calls, in order; calls without an id get <c>call_emulator_{index}</c>.</param>
    /// <returns>The completion.</returns>
    public static EmulatorCompletion ToolCall(params EmulatorToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Length == 0)
        {
            throw new ArgumentException("At least one tool call is required.", nameof(calls));
        }

        return new EmulatorCompletion { ToolCalls = [.. calls] };
    }

    /// <summary>
    /// Creates a chat completion with reasoning: <c>message.reasoning</c> is <paramref name="reasoning"/> and
    /// <c>reasoning_details</c> holds one <c>reasoning.text</c> entry (streamed as <c>delta.reasoning</c> pieces before
    /// the content). Use <see cref="EmulatorCompletion.WithReasoning(string?, EmulatorReasoningDetail[])"/> for other detail types.
    /// </summary>
    /// <param name="reasoning">The reasoning text.</param>
    /// <param name="text">The answer content.</param>
    /// <returns>The completion.</returns>
    public static EmulatorCompletion TextWithReasoning(string reasoning, string text) => Text(text).WithReasoning(reasoning);

    /// <summary>
    /// Creates a response that the default demo script computes from the request (the same answer the emulator gives
    /// when the queue is empty). Useful from a handler, or to enqueue a normal answer after a fault.
    /// </summary>
    /// <returns>The response.</returns>
    public static EmulatorResponse Demo() => new DemoResponse();

    /// <summary>
    /// Creates a <c>200 text/event-stream</c> response whose body is exactly <paramref name="rawSse"/>. Events are
    /// delimited by blank lines for the purposes of delays and fault injection; the bytes are not otherwise changed.
    /// </summary>
    /// <param name="rawSse">The body, for example <c>"data: {...}\n\ndata: [DONE]\n\n"</c>.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Sse(string rawSse)
    {
        ArgumentNullException.ThrowIfNull(rawSse);
        return new RawResponse(200, "text/event-stream", rawSse, null, IsEventStream: true);
    }

    /// <summary>Creates a response with an exact JSON body (<c>application/json</c>).</summary>
    /// <param name="rawJson">The body, sent verbatim.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Json(string rawJson, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(rawJson);
        return new RawResponse(statusCode, "application/json", rawJson, null, IsEventStream: false);
    }

    /// <summary>
    /// Creates an OpenRouter error response: <c>{"error":{"code":…,"message":…,"metadata":{…}}}</c> with the given
    /// status. Pass <c>statusCode: 200</c> to produce a success status that carries an error body.
    /// </summary>
    /// <param name="statusCode">The HTTP status code, for example 429.</param>
    /// <param name="message">The error message.</param>
    /// <param name="code">The <c>error.code</c> value: an integer or a string; defaults to <paramref name="statusCode"/>.</param>
    /// <param name="retryAfter">When set, a <c>Retry-After</c> header with the delay in whole seconds (rounded up).</param>
    /// <param name="metadata">Optional <c>error.metadata</c> object, for example <c>provider_name</c> and <c>raw</c>.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Error(int statusCode, string message, object? code = null, TimeSpan? retryAfter = null, JsonObject? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var error = new JsonObject
        {
            ["code"] = ToCodeNode(code ?? statusCode),
            ["message"] = message,
        };
        if (metadata is not null)
        {
            error["metadata"] = metadata.DeepClone();
        }

        string body = new JsonObject { ["error"] = error }.ToJsonString(WireFormat.JsonOptions);
        Dictionary<string, string>? headers = null;
        if (retryAfter is { } delay)
        {
            long seconds = (long)Math.Ceiling(Math.Max(0, delay.TotalSeconds));
            headers = new(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) };
        }

        return new RawResponse(statusCode, "application/json", body, headers, IsEventStream: false);
    }

    /// <summary>Creates a response with an arbitrary status, content type and body, for example an HTML error page from a proxy.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="contentType">The <c>Content-Type</c> header value.</param>
    /// <param name="body">The body, encoded as UTF-8.</param>
    /// <param name="headers">Optional extra response headers.</param>
    /// <returns>The response.</returns>
    public static EmulatorResponse Raw(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(body);
        bool isStream = contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase);
        return new RawResponse(statusCode, contentType, body, headers, isStream);
    }

    internal abstract Task WriteAsync(ResponseContext context);

    private static JsonValue ToCodeNode(object code) => code switch
    {
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        string s => JsonValue.Create(s)!,
        _ => JsonValue.Create(Convert.ToString(code, CultureInfo.InvariantCulture) ?? string.Empty)!,
    };
}

/// <summary>A response with a fixed status, content type and body.</summary>
internal sealed record RawResponse(int StatusCode, string ContentType, string Body, IReadOnlyDictionary<string, string>? Headers, bool IsEventStream)
    : EmulatorResponse
{
    internal override Task WriteAsync(ResponseContext context)
    {
        var http = context.Http.Response;
        http.StatusCode = StatusCode;
        http.ContentType = ContentType;
        if (Headers is not null)
        {
            foreach (KeyValuePair<string, string> header in Headers)
            {
                http.Headers[header.Key] = header.Value;
            }
        }

        if (IsEventStream)
        {
            http.Headers.CacheControl = "no-cache";
            return context.WriteEventsAsync(this, SplitEvents(Body));
        }

        return context.WriteBodyAsync(this, Body);
    }

    /// <summary>Splits an SSE body after each blank line, keeping every byte.</summary>
    private static List<string> SplitEvents(string body)
    {
        var events = new List<string>();
        int start = 0;
        int i = 0;
        while (i < body.Length)
        {
            int end = -1;
            if (string.CompareOrdinal(body, i, "\r\n\r\n", 0, 4) == 0)
            {
                end = i + 4;
            }
            else if (string.CompareOrdinal(body, i, "\n\n", 0, 2) == 0)
            {
                end = i + 2;
            }

            if (end > 0)
            {
                events.Add(body[start..end]);
                start = end;
                i = end;
            }
            else
            {
                i++;
            }
        }

        if (start < body.Length)
        {
            events.Add(body[start..]);
        }

        return events;
    }
}

/// <summary>The answer of the default demo script, computed from the request when it is written.</summary>
internal sealed record DemoResponse : EmulatorResponse
{
    internal override Task WriteAsync(ResponseContext context)
    {
        if (context.Body is null)
        {
            return Error(400, context.BodyError ?? "Request body must be a JSON object with \"messages\".").WriteAsync(context);
        }

        EmulatorCompletion answer;
        try
        {
            answer = DemoScript.Answer(context.Body);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return Error(400, $"The OpenRouter emulator could not interpret the request: {ex.Message}").WriteAsync(context);
        }

        EmulatorCompletion completion = answer with
        {
            Delay = Delay,
            EventDelay = EventDelay,
            Stalls = Stalls,
            AbortAfterEvents = AbortAfterEvents,
            EndAfterEvents = EndAfterEvents,
        };
        return completion.WriteAsync(context);
    }
}

/// <summary>Fault-injection and timing helpers for <see cref="EmulatorResponse"/>; each returns a modified copy.</summary>
public static class EmulatorResponseExtensions
{
    /// <summary>Returns a copy that waits <paramref name="delay"/> before sending the status and headers.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="delay">The delay.</param>
    /// <returns>The modified copy.</returns>
    public static T WithDelay<T>(this T response, TimeSpan delay)
        where T : EmulatorResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        return (T)((EmulatorResponse)response with { Delay = delay });
    }

    /// <summary>Returns a copy that waits <paramref name="delay"/> before every streamed event after the first.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="delay">The delay between events.</param>
    /// <returns>The modified copy.</returns>
    public static T WithEventDelay<T>(this T response, TimeSpan delay)
        where T : EmulatorResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        return (T)((EmulatorResponse)response with { EventDelay = delay });
    }

    /// <summary>Returns a copy that stalls for <paramref name="duration"/> before writing the event at <paramref name="eventIndex"/>.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="eventIndex">The 0-based event index (the <c>: OPENROUTER PROCESSING</c> comment is event 0).</param>
    /// <param name="duration">How long to stall.</param>
    /// <returns>The modified copy.</returns>
    public static T StallBefore<T>(this T response, int eventIndex, TimeSpan duration)
        where T : EmulatorResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(eventIndex);
        var stalls = response.Stalls is null ? new Dictionary<int, TimeSpan>() : new Dictionary<int, TimeSpan>(response.Stalls);
        stalls[eventIndex] = duration;
        return (T)((EmulatorResponse)response with { Stalls = stalls });
    }

    /// <summary>Returns a copy that aborts (resets) the connection after <paramref name="events"/> streamed events.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="events">How many events to send before aborting.</param>
    /// <returns>The modified copy.</returns>
    public static T AbortAfter<T>(this T response, int events)
        where T : EmulatorResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        return (T)((EmulatorResponse)response with { AbortAfterEvents = events });
    }

    /// <summary>
    /// Returns a copy whose stream ends normally after <paramref name="events"/> events, without the remaining events
    /// (such as the finish chunk, the usage chunk and <c>data: [DONE]</c>).
    /// </summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="events">How many events to send.</param>
    /// <returns>The modified copy.</returns>
    public static T EndAfter<T>(this T response, int events)
        where T : EmulatorResponse
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        return (T)((EmulatorResponse)response with { EndAfterEvents = events });
    }
}
