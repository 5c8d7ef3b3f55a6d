using System.Net;
using System.Text;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>One request as the handler saw it, ready to snapshot: the Authorization value is redacted.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, SortedDictionary<string, string> Headers, string? Body);

/// <summary>An <see cref="HttpMessageHandler"/> that records every request and answers with queued responses.</summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    public const string ApiKey = "sk-or-v1-test-secret-0123456789";

    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>The raw Authorization header values, to assert the key was sent even though snapshots redact it.</summary>
    public List<string?> RawAuthorization { get; } = [];

    /// <summary>Gets the HTTP version and version policy of each request, in order.</summary>
    public List<(Version Version, HttpVersionPolicy Policy)> Versions { get; } = [];

    public RecordedRequest Last => Requests[^1];

    public RecordingHandler Respond(HttpStatusCode status, string body, string mediaType = "application/json", Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public RecordingHandler RespondJson(string body) => Respond(HttpStatusCode.OK, body);

    public RecordingHandler RespondSse(string body) => Respond(HttpStatusCode.OK, body, "text/event-stream");

    /// <summary>Answers with a body read from <paramref name="stream"/> as it is consumed (for generated, very large bodies).</summary>
    public RecordingHandler RespondStream(Stream stream, string mediaType = "text/event-stream")
    {
        _responses.Enqueue(() =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        return this;
    }

    public RecordingHandler RespondWithFixture(string name, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(status, Fixture(name));

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Api", name));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Key == "Authorization" ? "Bearer [redacted]" : string.Join(", ", header.Value);
        }

        string? body = null;
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        RawAuthorization.Add(request.Headers.Authorization?.ToString());
        Versions.Add((request.Version, request.VersionPolicy));
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body));
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException($"No response queued for {request.Method} {request.RequestUri}.");
        }

        HttpResponseMessage response = _responses.Dequeue()();
        response.RequestMessage = request;
        return response;
    }
}
