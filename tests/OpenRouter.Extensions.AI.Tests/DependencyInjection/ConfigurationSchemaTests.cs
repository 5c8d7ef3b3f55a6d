using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.DependencyInjection;

/// <summary>
/// The Hosting package's <c>ConfigurationSchema.json</c> (Aspire's format) names exactly the settable properties of
/// <see cref="OpenRouterClientOptions"/>, with their JSON kinds: an option added without its schema entry fails here.
/// </summary>
public sealed class ConfigurationSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryRoot.Path, "src", "OpenRouter.Extensions.AI.Hosting", "ConfigurationSchema.json");

    private static readonly PropertyInfo[] Options = [.. typeof(OpenRouterClientOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true })];

    [Fact]
    public void Schema_OpenRouterSection_NamesEveryOptionAndNothingElse()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));

        string[] inSchema = [.. Section(schema).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        string[] inOptions = [.. Options.Select(p => p.Name).Order(StringComparer.Ordinal)];

        Assert.True(
            inSchema.SequenceEqual(inOptions),
            $"ConfigurationSchema.json and OpenRouterClientOptions differ. Missing from the schema: [{string.Join(", ", inOptions.Except(inSchema))}]; " +
            $"not an option: [{string.Join(", ", inSchema.Except(inOptions))}].");
    }

    [Fact]
    public void Schema_EachOption_HasItsJsonKindAndADescription()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        JsonElement section = Section(schema);

        Assert.All(Options, option =>
        {
            JsonElement entry = section.GetProperty(option.Name);
            Type type = Nullable.GetUnderlyingType(option.PropertyType) ?? option.PropertyType;
            Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("description").GetString()), option.Name);
            if (type.IsEnum)
            {
                Assert.Equal(Enum.GetNames(type), entry.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
                return;
            }

            string expected = type == typeof(bool) ? "boolean" : type == typeof(int) ? "integer" : "string";
            Assert.True(entry.GetProperty("type").GetString() == expected, $"{option.Name}: expected type {expected}");
            if (type == typeof(Uri))
            {
                Assert.Equal("uri", entry.GetProperty("format").GetString());
            }
            else if (type == typeof(TimeSpan))
            {
                Assert.Matches(entry.GetProperty("pattern").GetString()!, "00:01:30");
            }
            else
            {
                Assert.True(type == typeof(string) || type == typeof(bool), $"{option.Name}: a {type.Name} needs its own schema rule in this test");
            }
        });
    }

    [Fact]
    public void Schema_ASectionWithAValueForEachEntry_BindsEveryOption()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var settings = new Dictionary<string, string?>();
        foreach (JsonProperty entry in Section(schema).EnumerateObject())
        {
            settings[$"OpenRouter:{entry.Name}"] = entry.Value switch
            {
                var e when e.TryGetProperty("enum", out JsonElement values) => values.EnumerateArray().Last().GetString(),
                var e when e.TryGetProperty("format", out _) => "https://proxy.example/api/v1/",
                var e when e.TryGetProperty("pattern", out _) => "00:01:30",
                var e when e.GetProperty("type").GetString() == "boolean" => "true",
                _ => "from-schema",
            };
        }

        var bound = new OpenRouterClientOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("OpenRouter").Bind(bound);

        OpenRouterClientOptions defaults = new();
        Assert.All(Options, option => Assert.True(!Equals(option.GetValue(bound), option.GetValue(defaults)), $"{option.Name} was not bound from the schema's name"));
    }

    private static JsonElement Section(JsonDocument schema) =>
        schema.RootElement.GetProperty("properties").GetProperty("OpenRouter").GetProperty("properties");
}
