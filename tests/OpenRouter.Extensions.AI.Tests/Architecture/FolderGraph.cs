using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Architecture;

/// <summary>
/// The folders of <c>src/OpenRouter.Extensions.AI</c> and the type references between them, read with Roslyn's semantic
/// model (not by matching names): every identifier of the package's sources is bound, and a reference to a type (or to a
/// member of a type) declared in another folder is an edge from the referring file's folder to the declaring file's folder.
/// Files at the project root belong to the folder <see cref="Root"/>.
/// </summary>
internal sealed class FolderGraph
{
    /// <summary>The name of the project root's own files (options, JSON context) as a folder.</summary>
    public const string Root = "(root)";

    /// <summary>The package's one source-generated JSON context, whose <c>[JsonSerializable]</c> list names every folder's wire types.</summary>
    public const string RegistryFile = "OpenRouterJsonContext.cs";

    private static readonly Lazy<FolderGraph> Instance = new(Build);

    private FolderGraph(Dictionary<(string From, string To), List<string>> edges) => Edges = edges;

    /// <summary>Gets the package's graph (built once per test run).</summary>
    public static FolderGraph Package => Instance.Value;

    public static string LibraryPath { get; } = Path.Combine(RepositoryRoot.Path, "src", "OpenRouter.Extensions.AI");

    /// <summary>Gets each edge with a few examples (<c>file:line → Type</c>).</summary>
    public Dictionary<(string From, string To), List<string>> Edges { get; }

    /// <summary>The folders <paramref name="folder"/> refers to.</summary>
    public IEnumerable<string> DependenciesOf(string folder) => Edges.Keys.Where(e => e.From == folder).Select(e => e.To).Order(StringComparer.Ordinal);

    /// <summary>The first cycle found between folders, as a path <c>A → B → A</c>; <see langword="null"/> when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (string start in Edges.Keys.Select(e => e.From).Distinct().Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string folder)
        {
            if (state.GetValueOrDefault(folder) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(folder) == 1)
            {
                return [.. path.Skip(path.IndexOf(folder)), folder];
            }

            state[folder] = 1;
            path.Add(folder);
            foreach (string next in DependenciesOf(folder))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }
    }

    /// <summary>The folder of a source file of the package.</summary>
    public static string FolderOf(string filePath)
    {
        string relative = Path.GetRelativePath(LibraryPath, filePath);
        int separator = relative.IndexOfAny(['/', '\\']);
        return separator < 0 ? Root : relative[..separator];
    }

    private static FolderGraph Build()
    {
        string[] files = [.. Directory.EnumerateFiles(LibraryPath, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: ["NET", "NET10_0", "NET10_0_OR_GREATER", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER"]);
        SyntaxTree[] trees = [.. files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, f))];
        CSharpCompilation compilation = CSharpCompilation.Create(
            "LayeringProbe",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var edges = new ConcurrentDictionary<(string, string), List<string>>();
        Parallel.ForEach(trees, tree =>
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            string from = FolderOf(tree.FilePath);
            if (Path.GetFileName(tree.FilePath) == RegistryFile)
            {
                // The one JSON context lists every folder's wire types; it is the registry, not a dependency.
                return;
            }

            foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                ISymbol? symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                if (type?.OriginalDefinition is not { } declared)
                {
                    continue;
                }

                foreach (SyntaxReference declaration in declared.DeclaringSyntaxReferences)
                {
                    string to = FolderOf(declaration.SyntaxTree.FilePath);
                    if (to == from)
                    {
                        continue;
                    }

                    int line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    List<string> examples = edges.GetOrAdd((from, to), _ => []);
                    lock (examples)
                    {
                        if (examples.Count < 5)
                        {
                            examples.Add($"{Path.GetRelativePath(LibraryPath, tree.FilePath)}:{line} -> {declared.Name}");
                        }
                    }
                }
            }
        });

        return new FolderGraph(new Dictionary<(string, string), List<string>>(edges));
    }

    private static List<MetadataReference> References()
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            paths.Add(path);
        }

        foreach (string path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            // The package itself is compiled from its sources here.
            if (!Path.GetFileName(path).Equals("OpenRouter.Extensions.AI.dll", StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        var references = new List<MetadataReference>();
        foreach (string path in paths.Where(p => !Path.GetFileName(p).Equals("OpenRouter.Extensions.AI.dll", StringComparison.Ordinal)))
        {
            try
            {
                System.Reflection.AssemblyName.GetAssemblyName(path);
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
            }
        }

        return references;
    }
}
