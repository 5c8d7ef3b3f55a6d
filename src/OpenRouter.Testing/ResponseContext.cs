using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpenRouter.Testing;

/// <summary>Everything a response needs to write itself for one request.</summary>
internal sealed class ResponseContext
{
    private readonly Func<string> _nextId;

    public ResponseContext(HttpContext http, RecordedRequest request, JsonNode? body, string? bodyError, OpenRouterEmulatorOptions options, Func<string> nextId, CancellationToken aborted)
    {
        Http = http;
        Request = request;
        Body = body;
        BodyError = bodyError;
        Options = options;
        _nextId = nextId;
        Aborted = aborted;
        Streaming = body is JsonObject obj && obj["stream"] is JsonValue stream && stream.TryGetValue(out bool value) && value;
    }

    public HttpContext Http { get; }

    public RecordedRequest Request { get; }

    /// <summary>Gets the parsed request body, or <see langword="null"/> when it is missing or not a JSON object.</summary>
    public JsonNode? Body { get; }

    /// <summary>Gets why the body could not be parsed, if it could not.</summary>
    public string? BodyError { get; }

    public OpenRouterEmulatorOptions Options { get; }

    /// <summary>Gets the emulator's record of answered generations (served by <c>/generation</c> and <c>/credits</c>), or <see langword="null"/> when none is kept.</summary>
    public EmulatorGenerations? Generations { get; init; }

    /// <summary>Gets a value indicating whether the request asked for <c>"stream": true</c>.</summary>
    public bool Streaming { get; }

    /// <summary>Gets a token cancelled when the client goes away or the emulator shuts down.</summary>
    public CancellationToken Aborted { get; }

    public string NextId() => _nextId();

    /// <summary>The model to write: the fixed model from the options, else the request's model, else the default.</summary>
    public string ResolveModel() =>
        Options.Model
        ?? (Body?["model"] is JsonValue model && model.TryGetValue(out string? id) && !string.IsNullOrEmpty(id) ? id : null)
        ?? OpenRouterEmulatorOptions.DefaultModel;

    public async Task WriteEventsAsync(EmulatorResponse response, IReadOnlyList<string> events)
    {
        var body = Http.Response.Body;
        CancellationToken cancellationToken = Aborted;
        try
        {
            await Http.Response.StartAsync(cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < events.Count; i++)
            {
                if (response.AbortAfterEvents == i)
                {
                    await AbortAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (response.EndAfterEvents == i)
                {
                    return;
                }

                // A response's own delay wins over the emulator's pacing.
                TimeSpan wait = i == 0 ? TimeSpan.Zero : response.EventDelay > TimeSpan.Zero ? response.EventDelay : Options.TokenDelay;
                if (response.Stalls is not null && response.Stalls.TryGetValue(i, out TimeSpan stall))
                {
                    wait += stall;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                await body.WriteAsync(Encoding.UTF8.GetBytes(events[i]), cancellationToken).ConfigureAwait(false);
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (response.AbortAfterEvents == events.Count)
            {
                await AbortAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nothing more to write.
        }
    }

    public async Task WriteBodyAsync(EmulatorResponse response, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        CancellationToken cancellationToken = Aborted;
        try
        {
            if (response.AbortAfterEvents is not null || response.EndAfterEvents is not null)
            {
                await Http.Response.StartAsync(cancellationToken).ConfigureAwait(false);
                await Http.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), cancellationToken).ConfigureAwait(false);
                await Http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (response.AbortAfterEvents is not null)
                {
                    await AbortAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            Http.Response.ContentLength = bytes.Length;
            await Http.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>
    /// Resets the connection after a short grace period, so the client has received what was already sent (a reset
    /// can make the peer discard data it has not read yet).
    /// </summary>
    private async Task AbortAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(AbortGracePeriod, cancellationToken).ConfigureAwait(false);
        Http.Abort();
    }

    private static readonly TimeSpan AbortGracePeriod = TimeSpan.FromMilliseconds(100);
}
