// Linked into every test project that creates OpenRouter clients.
using System.Runtime.CompilerServices;

namespace OpenRouter.Tests;

/// <summary>
/// Keeps a developer's <c>OPENROUTER_API_KEY</c> and <c>OPENROUTER_BASE_URL</c> from changing test results: the clients and
/// registrations read those variables when no key or endpoint is configured, so they are taken out of this process's
/// environment before any test runs. Live tests use <see cref="LiveApiKey"/>; tests of the fallbacks themselves set the
/// variables inside <c>EnvironmentVariableCollection</c>, which runs alone.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>The key variable's name.</summary>
    public const string ApiKeyVariable = "OPENROUTER_API_KEY";

    /// <summary>The endpoint variable's name.</summary>
    public const string BaseUrlVariable = "OPENROUTER_BASE_URL";

    /// <summary>Gets the developer's key, for the live tests only; <see langword="null"/> when none was set.</summary>
    public static string? LiveApiKey { get; private set; }

    [ModuleInitializer]
    internal static void RemoveOpenRouterVariablesFromEnvironment()
    {
        LiveApiKey = Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null;
        Environment.SetEnvironmentVariable(ApiKeyVariable, null);
        Environment.SetEnvironmentVariable(BaseUrlVariable, null);
    }
}
