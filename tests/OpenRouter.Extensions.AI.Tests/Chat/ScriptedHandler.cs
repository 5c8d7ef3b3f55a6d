using System.Net;
using System.Text;

namespace OpenRouter.Extensions.AI.Tests.Chat;

/// <summary>An in-memory transport: records each request (with its body read) and answers from a script.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedHandler Respond(HttpStatusCode status, string body, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public ScriptedHandler RespondJson(string body) => Respond(HttpStatusCode.OK, body);

    public ScriptedHandler RespondSse(string body) => Respond(HttpStatusCode.OK, body, "text/event-stream");

    public ScriptedHandler RespondStream(Stream stream, string mediaType = "text/event-stream")
    {
        _responses.Enqueue(() =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(
            request.Method.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            body));

        if (_responses.Count == 0)
        {
            throw new InvalidOperationException("The test script has no response left.");
        }

        HttpResponseMessage response = _responses.Dequeue()();
        response.RequestMessage = request;
        return response;
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);
