using System.Text.RegularExpressions;
using System.Xml.Linq;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Architecture;

/// <summary>
/// The package's walls, checked on the source (all folders share one namespace, so the compiler cannot): <c>Core/</c> is the
/// base layer and names no type of <c>Chat/</c>, <c>Api/</c> or <c>Catalog/</c>, and no Polly type; internals are visible
/// only to tests; the package itself references no DI, resilience or hosting package.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string Library = Path.Combine(RepositoryRoot.Path, "src", "OpenRouter.Extensions.AI");

    [Fact]
    public void CoreFolder_Sources_NameNoTypeOfChatApiOrCatalog()
    {
        string[] upperLayers = ["Chat", "Api", "Catalog"];
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string layer in upperLayers)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(Library, layer), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in TypeDeclaration().Matches(File.ReadAllText(file)))
                {
                    declared.Add(match.Groups["name"].Value);
                }
            }
        }

        Assert.NotEmpty(declared);
        var violations = new List<string>();
        foreach (string file in CoreSources())
        {
            string text = File.ReadAllText(file);
            violations.AddRange(declared.Where(type => Regex.IsMatch(text, $@"\b{type}\b")).Select(type => $"{Path.GetFileName(file)} names {type}"));
        }

        Assert.Empty(violations);
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

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?<name>[A-Z][A-Za-z0-9_]*)")]
    private static partial Regex TypeDeclaration();
}
