using System.Text;
using System.Text.Json.Nodes;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>One recorded OpenRouter response of <c>../shared/captures</c> (see its manifest.json).</summary>
/// <param name="File">The file name.</param>
/// <param name="Streaming">Whether the request streamed.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="ContentType">The response content type.</param>
/// <param name="Body">The body, byte for byte.</param>
internal sealed record RecordedCapture(string File, bool Streaming, int Status, string ContentType, byte[] Body)
{
    /// <summary>Gets the body as text; the emulator writes it back as UTF-8, which <see cref="RecordedCaptures.Load"/> checks is byte-exact.</summary>
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Reads the third-party recordings from <c>&lt;repo root&gt;/../shared/captures</c> at test time (they are never copied
/// into the repository); a test skips with a clear message where the folder is absent.
/// </summary>
internal static class RecordedCaptures
{
    private static readonly Lazy<string?> Folder = new(FindFolder);

    /// <summary>Loads a capture by file name, or skips the test when the captures are not there.</summary>
    public static RecordedCapture Load(string file)
    {
        string folder = RequireFolder();
        JsonObject entry = Manifest(folder).FirstOrDefault(e => (string?)e["file"] == file)
            ?? throw new InvalidOperationException($"{file} is not in the captures' manifest.json.");
        byte[] body = System.IO.File.ReadAllBytes(Path.Combine(folder, file));

        // The emulator replays text as UTF-8: make sure that is the recorded bytes exactly.
        Assert.Equal(body, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body)));
        return new RecordedCapture(file, (string?)entry["mode"] == "stream", (int)entry["status"]!, (string)entry["contentType"]!, body);
    }

    /// <summary>Gets the file names listed in manifest.json, or skips the test when the captures are not there.</summary>
    public static IReadOnlyList<string> ManifestFiles() => [.. Manifest(RequireFolder()).Select(e => (string)e["file"]!)];

    private static string RequireFolder()
    {
        return Folder.Value ?? throw Xunit.Sdk.SkipException.ForSkip(
            "The recorded OpenRouter traffic (../shared/captures beside the repository) is not present; contract tests against it are skipped.");
    }

    private static IEnumerable<JsonObject> Manifest(string folder) =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(folder, "manifest.json")))!.AsArray().Select(n => n!.AsObject());

    private static string? FindFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Connectors.sln")))
            {
                string captures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "captures"));
                return System.IO.File.Exists(Path.Combine(captures, "manifest.json")) ? captures : null;
            }
        }

        return null;
    }
}
