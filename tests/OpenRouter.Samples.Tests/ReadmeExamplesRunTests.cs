using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenRouter.Testing;

namespace OpenRouter.Samples.Tests;

/// <summary>Tests that set <c>OPENROUTER_BASE_URL</c> or replace <see cref="Console.Out"/>: they run alone.</summary>
[CollectionDefinition(nameof(ProcessWideCollection), DisableParallelization = true)]
public sealed class ProcessWideCollection;

/// <summary>
/// The README's five examples, unchanged, as a new user runs them: each is compiled on its own as the <c>Program.cs</c> of a
/// new console app (only the implicit usings of <c>dotnet new console</c>, no names from the test), then run with
/// <c>OPENROUTER_BASE_URL</c> pointing at the emulator and no <c>OPENROUTER_API_KEY</c>.
/// </summary>
[Collection(nameof(ProcessWideCollection))]
public sealed class ReadmeExamplesRunTests
{
    /// <summary>The global usings of a console app with <c>ImplicitUsings</c> enabled.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<int> Examples() => [1, 2, 3, 4, 5];

    [Fact]
    public void Readme_HasFiveExamples()
    {
        Assert.Equal(5, FiveExamples().Count);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_UnchangedAgainstTheEmulatorWithoutAKey_RunsAndPrintsItsAnswer(int number)
    {
        ReadmeSnippetTests.Snippet example = FiveExamples()[number - 1];
        MethodInfo main = Compile(example);
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(TestContext.Current.CancellationToken);

        string output = await RunAsync(main, emulator.Endpoint);

        // Examples 1-4 reach the emulator through OPENROUTER_BASE_URL (its demo answers say so); 5 starts one of its own.
        if (number == 5)
        {
            Assert.Contains("Bonjour !", output, StringComparison.Ordinal);
            Assert.Empty(emulator.Requests);
        }
        else
        {
            Assert.Contains("[OpenRouter emulator]", output, StringComparison.Ordinal);
            Assert.NotEmpty(emulator.Requests);
        }
    }

    private static List<ReadmeSnippetTests.Snippet> FiveExamples() =>
        [.. ReadmeSnippetTests.ReadSnippets().Where(s => s.File == "README.md" && s.Section == "Five examples")];

    private static MethodInfo Compile(ReadmeSnippetTests.Snippet example)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            $"ReadmeExample{example.Line}",
            [CSharpSyntaxTree.ParseText(example.Code, parse, path: "Program.cs"), CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "GlobalUsings.g.cs")],
            ReadmeSnippetTests.References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, $"README.md:{example.Line} does not compile as a console app's Program.cs:\n" +
            string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return new AssemblyLoadContext($"readme-{example.Line}", isCollectible: true).LoadFromStream(image).EntryPoint!;
    }

    private static async Task<string> RunAsync(MethodInfo main, Uri emulator)
    {
        TextWriter console = Console.Out;
        using var output = new StringWriter();
        Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, emulator.ToString());
        Console.SetOut(output);
        try
        {
            object? result = main.Invoke(null, main.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            Console.SetOut(console);
            Environment.SetEnvironmentVariable(TestEnvironment.BaseUrlVariable, null);
        }

        return output.ToString();
    }
}
