using System.Xml.Linq;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Architecture;

/// <summary>
/// The package's walls, checked on the source (all folders share one namespace, so the compiler cannot): the folders refer
/// to each other's types only along the layers (a semantic check of type references, <see cref="FolderGraph"/>), without
/// cycles; <c>Core/</c> names no Polly type; internals are visible only to tests; the package itself references no DI,
/// resilience or hosting package (those are in OpenRouter.Extensions.AI.Hosting).
/// </summary>
public sealed class LayeringTests
{
    private static readonly string Library = Path.Combine(RepositoryRoot.Path, "src", "OpenRouter.Extensions.AI");

    /// <summary>
    /// What each folder may refer to (the layers of CONTRIBUTING.md): Core is the base and refers to nothing else; Usage and
    /// Routing are shared models under the endpoints; the endpoints refer to Core and the shared models, never to each other
    /// (Chat uses the catalog for its capability check); DependencyInjection composes everything. The root holds the options'
    /// public neighbours and the JSON context, the package's one serialization registry, whose references to every folder's
    /// wire types are not counted (see <see cref="FolderGraph"/>).
    /// </summary>
    private static readonly Dictionary<string, string[]> MayDependOn = new(StringComparer.Ordinal)
    {
        ["Core"] = [],
        ["Usage"] = ["Core", FolderGraph.Root],
        ["Routing"] = ["Core", FolderGraph.Root],
        ["Api"] = ["Core", FolderGraph.Root],
        ["Catalog"] = ["Core", "Api", FolderGraph.Root],
        ["Chat"] = ["Core", "Usage", "Routing", "Catalog", "Api", FolderGraph.Root],
        ["Embeddings"] = ["Core", "Usage", "Routing", FolderGraph.Root],
        ["Images"] = ["Core", "Usage", "Routing", FolderGraph.Root],
        ["Speech"] = ["Core", "Usage", "Routing", FolderGraph.Root],
        ["Caching"] = ["Core", FolderGraph.Root],
        [FolderGraph.Root] = ["Core"],
    };

    [Fact]
    public void Folders_TypeReferences_OnlyToAllowedLayers()
    {
        FolderGraph graph = FolderGraph.Package;
        Assert.NotEmpty(graph.Edges);

        var violations = new List<string>();
        foreach (((string from, string to), List<string> examples) in graph.Edges)
        {
            if (from == "DependencyInjection")
            {
                continue;
            }

            Assert.True(MayDependOn.ContainsKey(from), $"The folder '{from}' is not in the layering table of LayeringTests (and CONTRIBUTING.md): add it.");
            if (!MayDependOn[from].Contains(to))
            {
                violations.Add($"{from} -> {to}: {string.Join("; ", examples)}");
            }
        }

        Assert.True(violations.Count == 0, "Folder references against the layers:\n" + string.Join("\n", violations.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Folders_TypeReferences_HaveNoCycle()
    {
        IReadOnlyList<string>? cycle = FolderGraph.Package.FindCycle();

        Assert.True(cycle is null, $"Folder cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void FolderGraph_ReferenceFromCoreToChat_IsFound()
    {
        // The graph binds names semantically: the core boundary's transport is referred to by the chat client (and not
        // the other way round), so an edge Chat -> Core exists and Core -> Chat does not.
        FolderGraph graph = FolderGraph.Package;

        Assert.Contains("Core", graph.DependenciesOf("Chat"));
        Assert.DoesNotContain("Chat", graph.DependenciesOf("Core"));
    }

    [Fact]
    public void CoreFolder_Sources_NameNoPollyType()
    {
        string[] violations = [.. CoreSources().Where(file => File.ReadAllText(file).Contains("Polly", StringComparison.Ordinal)).Select(Path.GetFileName)!];

        Assert.Empty(violations);
    }

    [Fact]
    public void Projects_InternalsVisibleTo_OnlyTestAssemblies()
    {
        var grants = new List<string>();
        IEnumerable<string> projects = new[] { "src", "samples", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.csproj", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepositoryRoot.Path, "Directory.Build.*"));
        foreach (string project in projects)
        {
            grants.AddRange(XDocument.Load(project).Descendants("InternalsVisibleTo")
                .Select(e => (string?)e.Attribute("Include") ?? "")
                .Select(name => $"{Path.GetFileNameWithoutExtension(project)} -> {name}"));
        }

        Assert.NotEmpty(grants);

        // Packages use each other's public API; only a test project may see a package's internals (the benchmarks may not).
        Assert.All(grants, grant => Assert.Matches(@"-> OpenRouter\.[A-Za-z.]+\.Tests$", grant));
    }

    [Fact]
    public void LibraryProject_PackageReferences_NoDependencyInjectionResilienceOrHosting()
    {
        // A bare IChatClient user gets this package's closure; DI, Polly and hosting live in OpenRouter.Extensions.AI.Hosting
        // (README, "Dependency weight").
        string[] references = [.. XDocument.Load(Path.Combine(Library, "OpenRouter.Extensions.AI.csproj")).Descendants("PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")];

        Assert.Contains("Microsoft.Extensions.AI", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Extensions.Http", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.Extensions.Options", StringComparison.Ordinal)
            || r.StartsWith("Polly", StringComparison.Ordinal));
    }

    private static IEnumerable<string> CoreSources() =>
        Directory.EnumerateFiles(Path.Combine(Library, "Core"), "*.cs", SearchOption.AllDirectories);
}
