using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

/// <summary>
/// An HTTP/1.1 server written at the socket level, on a loopback port, for what the emulator cannot send: broken
/// framing, echoed secrets, corrupt compression, odd header spellings, huge bodies, redirects. Each connection serves
/// one request: the server reads the request line, headers and body (Content-Length or chunked), records it, lets the
/// test's <see cref="Responder"/> write whatever bytes it likes to the socket, then closes the connection.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Responder _responder;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    private RawHttpServer(Responder responder)
    {
        _responder = responder;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Writes the answer to one request; the connection is closed when it returns.</summary>
    public delegate Task Responder(Request request, Stream connection, CancellationToken cancellationToken);

    /// <summary>Gets the port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the API base address, <c>http://127.0.0.1:{port}/api/v1/</c>.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/api/v1/");

    /// <summary>Gets the requests received so far, in order.</summary>
    public IReadOnlyCollection<Request> Requests => _requests;

    /// <summary>Starts a server that answers every request with <paramref name="responder"/>.</summary>
    public static RawHttpServer Start(Responder responder) => new(responder);

    /// <summary>Starts a server that answers every request with the same complete response (Content-Length framing).</summary>
    public static RawHttpServer Start(int status, string? contentType, string body, params (string Name, string Value)[] headers) =>
        Start(Reply(status, contentType, Encoding.UTF8.GetBytes(body), headers));

    /// <summary>A responder that writes one complete response with a Content-Length.</summary>
    public static Responder Reply(int status, string? contentType, byte[] body, params (string Name, string Value)[] headers) =>
        async (_, connection, ct) =>
        {
            var all = new List<(string, string)>(headers) { ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)) };
            if (contentType is not null)
            {
                all.Add(("Content-Type", contentType));
            }

            await WriteHeadAsync(connection, status, null, all, ct);
            await connection.WriteAsync(body, ct);
        };

    /// <summary>Writes a status line (with <paramref name="reason"/>, or the standard phrase) and headers, ending the header block.</summary>
    public static async Task WriteHeadAsync(Stream connection, int status, string? reason, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason ?? ReasonPhrase(status)}\r\n")
            .Append("Connection: close\r\n");
        foreach ((string name, string value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await connection.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="total"/> bytes made of <paramref name="block"/> repeated, as one Content-Length body or as
    /// chunks of one block each; stops quietly when the client goes away. The block is reused, so the server allocates
    /// nothing per byte sent.
    /// </summary>
    public static async Task WriteRepeatedAsync(Stream connection, ReadOnlyMemory<byte> block, long total, bool chunked, CancellationToken cancellationToken)
    {
        byte[] chunkHead = Encoding.ASCII.GetBytes(block.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        byte[] crlf = "\r\n"u8.ToArray();
        try
        {
            for (long sent = 0; sent < total; sent += block.Length)
            {
                ReadOnlyMemory<byte> part = block[..(int)Math.Min(block.Length, total - sent)];
                if (chunked)
                {
                    await connection.WriteAsync(part.Length == block.Length ? chunkHead : Encoding.ASCII.GetBytes(part.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
                    await connection.WriteAsync(part, cancellationToken);
                    await connection.WriteAsync(crlf, cancellationToken);
                }
                else
                {
                    await connection.WriteAsync(part, cancellationToken);
                }
            }

            if (chunked)
            {
                await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (IOException)
        {
            // The client read what it wanted and closed the connection.
        }
    }

    /// <summary>Writes one chunk of a chunked body.</summary>
    public static async Task WriteChunkAsync(Stream connection, string text, CancellationToken cancellationToken)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);
        await connection.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
        await connection.WriteAsync(data, cancellationToken);
        await connection.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>Stops listening and waits for the open connections to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        401 => "Unauthorized",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => "Status",
    };

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
            _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                Request request = await ReadRequestAsync(stream, _stop.Token);
                _requests.Enqueue(request);
                await _responder(request, stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client closed early or the server is stopping.
            }
        }
    }

    private static async Task<Request> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ByteReader(stream);
        string requestLine = await reader.ReadLineAsync(cancellationToken);
        string[] parts = requestLine.Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (string line = await reader.ReadLineAsync(cancellationToken); line.Length > 0; line = await reader.ReadLineAsync(cancellationToken))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = new MemoryStream();
        if (headers.TryGetValue("Content-Length", out string? length))
        {
            await reader.CopyAsync(body, long.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                long size = long.Parse((await reader.ReadLineAsync(cancellationToken)).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    await reader.ReadLineAsync(cancellationToken);
                    break;
                }

                await reader.CopyAsync(body, size, cancellationToken);
                await reader.ReadLineAsync(cancellationToken);
            }
        }

        return new Request(parts[0], parts.Length > 1 ? parts[1] : string.Empty, headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>One request as received.</summary>
    /// <param name="Method">The method.</param>
    /// <param name="Target">The request target (path and query).</param>
    /// <param name="Headers">The headers (names compared without letter case).</param>
    /// <param name="Body">The body as UTF-8 text.</param>
    public sealed record Request(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>Reads CRLF-terminated lines and counted bytes from a stream, buffering what it read ahead.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The connection closed in the middle of the request.");
                }

                byte b = _buffer[_start++];
                if (b == '\n')
                {
                    byte[] bytes = line.ToArray();
                    int count = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                    return Encoding.UTF8.GetString(bytes, 0, count);
                }

                line.WriteByte(b);
            }
        }

        public async Task CopyAsync(Stream destination, long count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The connection closed in the middle of the request body.");
                }

                int take = (int)Math.Min(count, _end - _start);
                destination.Write(_buffer, _start, take);
                _start += take;
                count -= take;
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken);
            return _end > 0;
        }
    }
}
