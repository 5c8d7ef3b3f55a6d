using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Reads an embedding vector in either wire form: a JSON array of numbers, or a base64 string of little-endian float32
/// values (<c>encoding_format: "base64"</c>), decoded straight into the vector's memory.
/// </summary>
internal sealed class EmbeddingVectorConverter : JsonConverter<float[]>
{
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => ReadBase64(ref reader),
        JsonTokenType.StartArray => ReadArray(ref reader),
        _ => throw new JsonException($"An embedding must be an array of numbers or a base64 string; got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (float f in value)
        {
            writer.WriteNumberValue(f);
        }

        writer.WriteEndArray();
    }

    private static float[] ReadArray(ref Utf8JsonReader reader)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(1024);
        int count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new JsonException($"An embedding array may only hold numbers; got {reader.TokenType}.");
                }

                if (count == buffer.Length)
                {
                    float[] larger = ArrayPool<float>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                buffer[count++] = reader.GetSingle();
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Decode(reader.ValueSpan);
        }

        // Escaped ("\/") or split across segments: unescape into a rented buffer first.
        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int written = reader.CopyString(rented);
            return Decode(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static float[] Decode(ReadOnlySpan<byte> base64)
    {
        int padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
        int bytes = (base64.Length / 4 * 3) - padding;
        if (base64.Length % 4 != 0 || bytes % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding must encode whole float32 values; got {base64.Length} base64 characters.");
        }

        var vector = new float[bytes / sizeof(float)];
        OperationStatus status = Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out int decoded);
        if (status != OperationStatus.Done || decoded != bytes)
        {
            throw new JsonException("An embedding is not valid base64.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(vector.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return vector;
    }
}
