using System.Buffers;
using System.Text;
using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Collects spoken output (<c>message.audio</c>, or the <c>delta.audio</c> pieces of a stream) into one <see cref="DataContent"/>
/// with the audio's media type, and its transcript as text.
/// </summary>
internal sealed class AudioOutput
{
    private readonly ArrayBufferWriter<byte> _bytes = new();
    private string? _format;

    /// <summary>Gets a value indicating whether any audio arrived.</summary>
    public bool HasAudio => _bytes.WrittenCount > 0;

    /// <summary>Adds a piece; returns its transcript text (to show as it arrives), or <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The audio is not valid base64 (the transport's error path reports a malformed response).</exception>
    public string? Add(WireAudio audio)
    {
        _format ??= audio.Format;
        if (!string.IsNullOrEmpty(audio.Data))
        {
            // Each piece is whole base64 (OpenRouter encodes every chunk on its own), decoded straight into the buffer.
            int max = (audio.Data.Length * 3 / 4) + 3;
            Span<byte> target = _bytes.GetSpan(max);
            if (!Convert.TryFromBase64String(audio.Data, target, out int written))
            {
                throw new FormatException("The audio member's data is not valid base64.");
            }

            _bytes.Advance(written);
        }

        return string.IsNullOrEmpty(audio.Transcript) ? null : audio.Transcript;
    }

    /// <summary>The audio as one <see cref="DataContent"/>; <see langword="null"/> when none arrived.</summary>
    public DataContent? ToContent() => HasAudio ? new DataContent(_bytes.WrittenMemory.ToArray(), MediaType(_format, _bytes.WrittenSpan)) : null;

    /// <summary>The contents of a whole message's <c>audio</c>: the audio and, when the message has no text of its own, the transcript.</summary>
    public static void AddTo(List<AIContent> contents, WireAudio? audio, bool hasText)
    {
        if (audio is null)
        {
            return;
        }

        var output = new AudioOutput();
        string? transcript = output.Add(audio);
        if (output.ToContent() is { } content)
        {
            contents.Add(content);
        }

        if (transcript is not null && !hasText)
        {
            contents.Add(new TextContent(transcript));
        }
    }

    /// <summary>The media type of the audio: from the format the server names, else from the bytes' signature (WAV, MP3, FLAC, Ogg), else raw PCM16.</summary>
    private static string MediaType(string? format, ReadOnlySpan<byte> bytes) => format?.ToLowerInvariant() switch
    {
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        "flac" => "audio/flac",
        "opus" or "ogg" => "audio/ogg",
        "aac" => "audio/aac",
        "pcm16" => "audio/pcm16",
        _ when bytes.StartsWith("RIFF"u8) => "audio/wav",
        _ when bytes.StartsWith("ID3"u8) || (bytes.Length > 1 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0) => "audio/mpeg",
        _ when bytes.StartsWith("fLaC"u8) => "audio/flac",
        _ when bytes.StartsWith("OggS"u8) => "audio/ogg",
        _ => "audio/pcm16",
    };
}
