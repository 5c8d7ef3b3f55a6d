using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// The cases of OpenRouter's own Vercel AI SDK provider (OpenRouterTeam/ai-sdk-provider), read at test time from
/// <c>&lt;repo root&gt;/../shared/peer-cases</c> (never copied into the repository; see its README): canned bodies, SSE chunks,
/// prompts and the request bodies the peer expects, each naming the peer test it comes from. A test skips with a clear
/// message where the folder is absent.
/// </summary>
internal static class PeerCases
{
    /// <summary>The one theory row given when the folder is absent (the test then skips).</summary>
    public const string Absent = "(peer-cases absent)";

    private static readonly Lazy<string?> Folder = new(() =>
    {
        string folder = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "peer-cases"));
        return File.Exists(Path.Combine(folder, "README.md")) ? folder : null;
    });

    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> All = new(() =>
    {
        var cases = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(Folder.Value!, "*.json").Order(StringComparer.Ordinal))
        {
            foreach (JsonNode? entry in JsonNode.Parse(File.ReadAllText(file))!["cases"]!.AsArray())
            {
                JsonObject @case = entry!.AsObject();
                @case["file"] = Path.GetFileName(file);
                cases.Add((string)@case["id"]!, @case);
            }
        }

        return cases;
    });

    /// <summary>Gets every case by id, or skips the test when the folder is absent.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Cases => Folder.Value is null ? throw Skip() : All.Value;

    /// <summary>Gets one case, or skips the test when the folder is absent.</summary>
    public static JsonObject Get(string id) => id == Absent || Folder.Value is null ? throw Skip() : All.Value[id];

    /// <summary>The ids of the cases of one kind that are run (not in <see cref="PeerScope.NotRun"/>), as theory data.</summary>
    public static TheoryData<string> Run(string kind)
    {
        if (Folder.Value is null)
        {
            return new TheoryData<string>(Absent);
        }

        return new TheoryData<string>(All.Value.Values
            .Where(c => (string?)c["kind"] == kind && !PeerScope.NotRun.ContainsKey((string)c["id"]!))
            .Select(c => (string)c["id"]!));
    }

    /// <summary>The body of an <c>sse</c> case: its chunks, byte for byte.</summary>
    public static string Sse(JsonObject @case) => string.Concat(@case["chunks"]!.AsArray().Select(c => (string)c!));

    /// <summary>
    /// Whether <paramref name="actual"/> matches <paramref name="expected"/> as vitest's <c>toEqual</c> would, with the case
    /// files' matcher markers (<c>$any</c>, <c>$arrayContaining</c>, <c>$objectContaining</c>, <c>$stringContaining</c>,
    /// <c>$stringMatching</c>, and <c>$matchObject</c> of <see cref="MatchObject"/>); a member missing on one side equals a
    /// <c>null</c> member on the other.
    /// </summary>
    public static bool Matches(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonObject marker && marker.Count == 1)
        {
            (string key, JsonNode? value) = marker.Single();
            switch (key)
            {
                case "$any":
                    return actual is not null && (string?)value switch
                    {
                        "String" => actual.GetValueKind() == JsonValueKind.String,
                        "Number" => actual.GetValueKind() == JsonValueKind.Number,
                        "Object" => actual is JsonObject,
                        _ => true,
                    };
                case "$arrayContaining":
                    return actual is JsonArray items && value!.AsArray().All(e => items.Any(a => Matches(e, a)));
                case "$objectContaining":
                    return actual is JsonObject members && value!.AsObject().All(p => Matches(p.Value, members[p.Key]));
                case "$matchObject":
                    return MatchesObject(value, actual);
                case "$stringContaining":
                    return actual?.GetValueKind() == JsonValueKind.String && ((string)actual!).Contains((string)value!, StringComparison.Ordinal);
                case "$stringMatching":
                    return actual?.GetValueKind() == JsonValueKind.String && Regex.IsMatch((string)actual!, (string)value!);
            }
        }

        return (expected, actual) switch
        {
            (null, null) => true,
            (null, _) => actual.GetValueKind() == JsonValueKind.Null,
            (_, null) => expected.GetValueKind() == JsonValueKind.Null,
            (JsonObject e, JsonObject a) => e.Select(p => p.Key).Union(a.Select(p => p.Key)).All(k => Matches(e[k], a[k])),
            (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(pair => Matches(pair.First, pair.Second)),
            _ => JsonNode.DeepEquals(SeenByUser.Canonical(expected), SeenByUser.Canonical(actual)),
        };
    }

    /// <summary>Wraps <paramref name="expected"/> so it matches as vitest's <c>toMatchObject</c>: objects partially, all the way down.</summary>
    public static JsonObject MatchObject(JsonNode expected) => new() { ["$matchObject"] = expected.DeepClone() };

    /// <summary>Asserts <see cref="Matches"/>, showing both sides when they differ.</summary>
    public static void AssertMatches(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(Matches(expected, actual), $"{what} differs.\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");

    private static bool MatchesObject(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (JsonObject e, JsonObject a) when !e.Any(p => p.Key.StartsWith('$')) => e.All(p => MatchesObject(p.Value, a[p.Key])),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(pair => MatchesObject(pair.First, pair.Second)),
        _ => Matches(expected, actual),
    };

    private static Exception Skip() => Xunit.Sdk.SkipException.ForSkip(
        "The cases of OpenRouter's Vercel AI SDK provider (../shared/peer-cases beside the repository) are not present; contract tests against them are skipped.");
}
