using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenRouter.Testing;

/// <summary>
/// The emulator's <c>POST /images</c>: <c>n</c> (1–10) small valid PNGs, 8×8 pixels of one colour derived from the prompt,
/// as <c>b64_json</c> with <c>media_type</c>, plus <c>created</c> and usage with cost.
/// </summary>
internal static class EmulatorImages
{
    private const int Side = 8;

    public static (int Status, string Json) Answer(RecordedRequest request, OpenRouterEmulatorOptions options, EmulatorRefusals? refusals)
    {
        if (EmulatorRequests.ParseObject(request, out JsonObject body) is { } bodyError)
        {
            return bodyError;
        }

        if (EmulatorRequests.KnownModel(body, refusals, out _) is { } modelError)
        {
            return modelError;
        }

        if (EmulatorRequests.RequiredString(body, "prompt", out string prompt) is { } promptError)
        {
            return promptError;
        }

        int count = 1;
        if (body["n"] is { } n && (n is not JsonValue nv || !nv.TryGetValue(out count) || count is < 1 or > 10))
        {
            return EmulatorRequests.Error(400, "\"n\" must be an integer from 1 to 10.");
        }

        string png = Convert.ToBase64String(Png(prompt));
        var data = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            data.Add((JsonNode)new JsonObject { ["b64_json"] = png, ["media_type"] = "image/png" });
        }

        int promptTokens = Math.Max(1, WireFormat.CountWords(prompt));
        int imageTokens = 1290 * count;
        var root = new JsonObject
        {
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = data,
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = imageTokens,
                ["total_tokens"] = promptTokens + imageTokens,
                ["cost"] = (promptTokens + imageTokens) * options.CostPerToken,
            },
        };
        return (200, root.ToJsonString(WireFormat.JsonOptions));
    }

    /// <summary>An 8×8 RGB PNG of one colour taken from the text's bytes.</summary>
    public static byte[] Png(string text)
    {
        byte[] seed = Encoding.UTF8.GetBytes(text);
        byte r = 0x40, g = 0x80, b = 0xC0;
        foreach (byte x in seed)
        {
            (r, g, b) = ((byte)(g ^ x), (byte)(b + x), (byte)(r * 31 + x));
        }

        using var pixels = new MemoryStream();
        for (int y = 0; y < Side; y++)
        {
            pixels.WriteByte(0); // filter: none
            for (int x = 0; x < Side; x++)
            {
                pixels.Write([r, g, b]);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(pixels.ToArray());
        }

        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Side);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32([.. typeBytes, .. data]));
        stream.Write(word);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFF_FFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
