using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// One cached <see cref="Utf8JsonWriter"/> per thread and purpose, reset onto each new output, so writing a request or a
/// nested JSON value allocates no writer. A writer is taken out of its slot while in use, so a re-entrant call (a custom
/// converter that writes another request) simply creates a fresh one.
/// </summary>
internal static class JsonWriterCache
{
    /// <summary>Options of request bodies: input already valid, relaxed escaping (OpenRouter reads UTF-8 JSON).</summary>
    public static readonly JsonWriterOptions RequestOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Options of nested values serialized to JSON text (tool arguments and results).</summary>
    public static readonly JsonWriterOptions ValueOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_request;

    [ThreadStatic]
    private static Utf8JsonWriter? t_value;

    /// <summary>Gets a writer with <see cref="RequestOptions"/> over <paramref name="output"/>; give it back with <see cref="ReturnRequestWriter"/>.</summary>
    public static Utf8JsonWriter RentRequestWriter(IBufferWriter<byte> output) => Rent(ref t_request, output, RequestOptions);

    /// <summary>Flushes and caches a writer from <see cref="RentRequestWriter"/>.</summary>
    public static void ReturnRequestWriter(Utf8JsonWriter writer) => Return(ref t_request, writer);

    /// <summary>Gets a writer with <see cref="ValueOptions"/> over <paramref name="output"/>; give it back with <see cref="ReturnValueWriter"/>.</summary>
    public static Utf8JsonWriter RentValueWriter(IBufferWriter<byte> output) => Rent(ref t_value, output, ValueOptions);

    /// <summary>Flushes and caches a writer from <see cref="RentValueWriter"/>.</summary>
    public static void ReturnValueWriter(Utf8JsonWriter writer) => Return(ref t_value, writer);

    /// <summary>
    /// Writes a request body with a cached <see cref="RequestOptions"/> writer into a new pooled buffer, which the caller
    /// disposes (a request content does, through <see cref="PooledJsonContent"/>). On failure the buffer is returned at once.
    /// </summary>
    public static PooledBufferWriter WriteRequest<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new PooledBufferWriter();
        Utf8JsonWriter writer = RentRequestWriter(buffer);
        try
        {
            write(writer, state);
            writer.Flush();
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        finally
        {
            ReturnRequestWriter(writer);
        }
    }

    private static Utf8JsonWriter Rent(ref Utf8JsonWriter? slot, IBufferWriter<byte> output, JsonWriterOptions options)
    {
        Utf8JsonWriter? writer = slot;
        if (writer is null)
        {
            return new Utf8JsonWriter(output, options);
        }

        slot = null;
        writer.Reset(output);
        return writer;
    }

    private static void Return(ref Utf8JsonWriter? slot, Utf8JsonWriter writer)
    {
        // Drop the reference to the output (a pooled buffer about to be returned) and any partial state.
        writer.Reset(NullBufferWriter.Instance);
        slot = writer;
    }

    /// <summary>The output a cached writer points at between uses; never written to.</summary>
    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();

        public void Advance(int count) => throw new InvalidOperationException();

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException();

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException();
    }
}
