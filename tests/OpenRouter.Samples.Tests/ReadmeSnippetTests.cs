using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenRouter.Testing;

namespace OpenRouter.Samples.Tests;

/// <summary>
/// Compiles every <c>```csharp</c> block of README.md, of the documentation pages (docs/*.md) and of each package README
/// (src/*/README.md), so the docs cannot rot, and checks that every model id they name is in the emulator's catalog (so
/// the snippets also work offline).
/// </summary>
/// <remarks>
/// <para>
/// Each block is compiled on its own as top-level statements against the assemblies of this test (the three packages,
/// Microsoft.Extensions.AI, hosting, Semantic Kernel, Agent Framework, xunit). Names a block uses without declaring them —
/// <c>client</c>, <c>catalog</c>, <c>apiKey</c>, <c>WeatherPlugin</c>… as the prose around it introduces them — come from
/// <see cref="ContextSource"/>, imported with <c>using static</c>, so a block's own declarations win. The REST API page
/// calls its <c>OpenRouterClient</c> <c>client</c>, so it gets a context of its own. A snippet added later that needs a new
/// name: declare it in the snippet, or add it to the context here.
/// </para>
/// </remarks>
public sealed class ReadmeSnippetTests
{
    internal static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>The names the README's prose introduces, as the main README uses them (<c>client</c> is an <c>IChatClient</c>).</summary>
    private const string ContextSource = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net;
        global using System.Net.Http;
        global using System.Text.Json;
        global using System.Text.Json.Nodes;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.Agents.AI;
        global using Microsoft.Extensions.AI;
        global using Microsoft.Extensions.Caching.Memory;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        global using OpenRouter.Extensions.AI;
        global using Xunit;

        public sealed record WeatherReport(string City, double TemperatureCelsius);

        public sealed class WeatherPlugin
        {
            public string GetWeather(string city) => city;
        }

        public sealed class CallbackRequest
        {
            public Dictionary<string, string?> Query { get; } = [];
        }

        public static class SharedContext
        {
            public static string apiKey = "sk-or-readme";
            public static string key = "sk-or-readme";
            public static OpenRouterClientOptions options = new();
            public static IMemoryCache memoryCache = null!;
            public static ILoggerFactory loggerFactory = null!;
            public static OpenRouterModelCatalog catalog = null!;
            public static OpenRouterChatClient chat = null!;
            public static JsonElement schema;
            public static byte[] pngBytes = [], wavBytes = [], pdfBytes = [];
            public static HostApplicationBuilder builder = null!;
            public static IServiceCollection services = null!;
            public static IConfiguration configuration = null!;
            public static CallbackRequest callbackRequest = new();
            public static string GetWeather(string city) => city;
            public static AIFunction weatherTool = null!;
        }

        public static class ChatContext
        {
            public static IChatClient client = null!;
        }

        public static class RestContext
        {
            public static OpenRouterClient client = null!;
        }
        """;

    /// <summary>The pages whose snippets see <c>client</c> as an <c>OpenRouterClient</c>.</summary>
    private static readonly string[] RestPages = ["docs/rest-api.md"];

    /// <summary>
    /// Namespaces a section's prose implies. Semantic Kernel's are not imported everywhere: SK and Microsoft.Extensions.AI
    /// both define <c>TextContent</c>, <c>FunctionCallContent</c>…
    /// </summary>
    private static readonly Dictionary<string, string> SectionUsings = new(StringComparer.Ordinal)
    {
        ["Semantic Kernel"] = "global using Microsoft.SemanticKernel;\nglobal using OpenRouter.SemanticKernel;\n",
    };

    /// <summary>Model ids are <c>author/slug</c> literals whose author is one of the catalog's (so <c>image/png</c> is not one).</summary>
    private static readonly Regex ModelIdShape = new(@"^[a-z0-9][a-z0-9.-]*/[a-z0-9][a-z0-9.:_-]*$", RegexOptions.CultureInvariant);

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (Snippet snippet in ReadSnippets())
        {
            data.Add(snippet.File, snippet.Line);
        }

        return data;
    }

    [Fact]
    public void ReadSnippets_FindsTheReadmeAndPackageBlocks()
    {
        IReadOnlyList<Snippet> snippets = ReadSnippets();

        Assert.True(snippets.Count(s => s.File == "README.md") >= 5, $"Only {snippets.Count(s => s.File == "README.md")} C# blocks found in README.md.");
        Assert.True(snippets.Count(s => s.File.StartsWith("docs/", StringComparison.Ordinal)) >= 25, $"Only {snippets.Count(s => s.File.StartsWith("docs/", StringComparison.Ordinal))} C# blocks found in docs/.");
        Assert.Contains(snippets, s => s.File == "docs/rest-api.md");
        Assert.Contains(snippets, s => s.File == "src/OpenRouter.Extensions.AI/README.md");
        Assert.Contains(snippets, s => s.File == "src/OpenRouter.SemanticKernel/README.md");
        Assert.Contains(snippets, s => s.File == "src/OpenRouter.Testing/README.md");
        Assert.Contains(snippets, s => s.File == "docs/openrouter-features.md");
        Assert.Contains(snippets, s => s.File == "docs/multi-tenant.md");
    }

    [Fact]
    public void Readme_IsShort_AndLinksToPagesThatExist()
    {
        string root = RepositoryRoot();
        string[] readme = File.ReadAllLines(Path.Combine(root, "README.md"));

        // Read in five minutes: the depth lives in docs/.
        Assert.True(readme.Length < 300, $"README.md has {readme.Length} lines; move depth to a docs/ page.");
        string[] broken = [.. new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(p => Path.GetRelativePath(root, p)))
            .SelectMany(file => RelativeLinks(root, file))
            .Where(link => !File.Exists(link.Target) && !Directory.Exists(link.Target))
            .Select(link => $"{link.File}: {link.Text}")];
        Assert.True(broken.Length == 0, "Links to missing files:\n" + string.Join("\n", broken));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_Compiles(string file, int line)
    {
        Snippet snippet = ReadSnippets().Single(s => s.File == file && s.Line == line);

        IReadOnlyList<string> errors = Compile(snippet);

        Assert.True(errors.Count == 0, $"The ```csharp block at {file}:{line} (section \"{snippet.Section}\") does not compile:\n{string.Join("\n", errors)}");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_ModelIds_AreInTheEmulatorCatalog(string file, int line)
    {
        Snippet snippet = ReadSnippets().Single(s => s.File == file && s.Line == line);
        (HashSet<string> known, HashSet<string> authors) = Catalog.Value;

        string[] unknown = [.. StringLiterals(snippet)
            .Where(l => ModelIdShape.IsMatch(l.Text) && authors.Contains(l.Text[..l.Text.IndexOf('/', StringComparison.Ordinal)]) && !known.Contains(l.Text))
            .Select(l => $"{file}:{l.Line}: \"{l.Text}\"")];

        Assert.True(unknown.Length == 0, $"Model ids not in the emulator's catalog (OpenRouterEmulator.CatalogJson), so the snippet fails offline:\n{string.Join("\n", unknown)}");
    }

    private static readonly Lazy<(HashSet<string> Ids, HashSet<string> Authors)> Catalog = new(() =>
    {
        using JsonDocument catalog = JsonDocument.Parse(OpenRouterEmulator.CatalogJson);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement model in catalog.RootElement.GetProperty("data").EnumerateArray())
        {
            ids.Add(model.GetProperty("id").GetString()!);
            if (model.TryGetProperty("canonical_slug", out JsonElement slug) && slug.GetString() is { } s)
            {
                ids.Add(s);
            }
        }

        return (ids, [.. ids.Select(id => id[..id.IndexOf('/', StringComparison.Ordinal)])]);
    });

    private static IReadOnlyList<string> Compile(Snippet snippet)
    {
        string context = RestPages.Contains(snippet.File) ? "RestContext" : "ChatContext";
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree block = CSharpSyntaxTree.ParseText(snippet.Code, parse, path: snippet.File);
        SyntaxTree contextTree = CSharpSyntaxTree.ParseText(
            $"global using static SharedContext;\nglobal using static {context};\n" + SectionUsings.GetValueOrDefault(snippet.Section, string.Empty) + ContextSource,
            parse,
            path: "ReadmeContext.cs");

        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [block, contextTree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        return [.. compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Location.SourceTree == block
                ? $"  {snippet.File}:{snippet.Line + d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
                : $"  (test context) {d}")];
    }

    /// <summary>The relative Markdown links of a file (<c>[text](path#anchor)</c>), resolved against its folder.</summary>
    private static IEnumerable<(string File, string Text, string Target)> RelativeLinks(string root, string file)
    {
        string folder = Path.GetDirectoryName(Path.Combine(root, file))!;
        foreach (Match link in MarkdownLink.Matches(File.ReadAllText(Path.Combine(root, file))))
        {
            string path = link.Groups["path"].Value;
            if (path.Length > 0 && !path.Contains("://", StringComparison.Ordinal) && !path.StartsWith("mailto:", StringComparison.Ordinal))
            {
                yield return (file, link.Value, Path.GetFullPath(Path.Combine(folder, path)));
            }
        }
    }

    private static readonly Regex MarkdownLink = new(@"\]\((?<path>[^)#\s]*)(#[^)\s]*)?\)", RegexOptions.CultureInvariant);

    private static IEnumerable<(string Text, int Line)> StringLiterals(Snippet snippet)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(snippet.Code).GetRoot();
        foreach (LiteralExpressionSyntax literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)))
        {
            yield return (literal.Token.ValueText, snippet.Line + literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
        }
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            paths.Add(path);
        }

        foreach (string path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            paths.Add(path);
        }

        return [.. paths.Where(IsManagedAssembly).Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>The ```csharp blocks of README.md, docs/*.md and src/*/README.md; <see cref="Snippet.Line"/> is the line of the opening fence.</summary>
    internal static IReadOnlyList<Snippet> ReadSnippets()
    {
        string root = RepositoryRoot();
        var files = new List<string> { "README.md" };
        files.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md")
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
        files.AddRange(Directory.GetDirectories(Path.Combine(root, "src"))
            .Select(d => Path.Combine(d, "README.md"))
            .Where(File.Exists)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

        var snippets = new List<Snippet>();
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(Path.Combine(root, file));
            string section = string.Empty;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("## ", StringComparison.Ordinal))
                {
                    section = lines[i][3..];
                }

                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                int start = i + 1;
                var code = new StringBuilder();
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    code.AppendLine(lines[i]);
                }

                snippets.Add(new Snippet(file, start, section, code.ToString()));
            }
        }

        return snippets;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connectors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Connectors.sln not found above " + AppContext.BaseDirectory);
    }

    internal sealed record Snippet(string File, int Line, string Section, string Code);
}
