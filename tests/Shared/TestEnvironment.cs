// Linked into every test project that creates OpenRouter clients.
using System.Runtime.CompilerServices;

namespace OpenRouter.Tests;

/// <summary>
/// Keeps a developer's <c>OPENROUTER_API_KEY</c> from changing test results: the clients and registrations read that
/// variable when no key is configured, so it is taken out of this process's environment before any test runs. Live
/// tests use <see cref="LiveApiKey"/>; tests of the fallback itself set the variable inside
/// <c>EnvironmentVariableCollection</c>, which runs alone.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>The variable's name.</summary>
    public const string ApiKeyVariable = "OPENROUTER_API_KEY";

    /// <summary>Gets the developer's key, for the live tests only; <see langword="null"/> when none was set.</summary>
    public static string? LiveApiKey { get; private set; }

    [ModuleInitializer]
    internal static void RemoveApiKeyFromEnvironment()
    {
        LiveApiKey = Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;
        Environment.SetEnvironmentVariable(ApiKeyVariable, null);
    }
}
