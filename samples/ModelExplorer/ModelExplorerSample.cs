using System.Globalization;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;

namespace ModelExplorer;

/// <summary>The sample's logic, separate from <c>Program.cs</c> so a test can run it against the emulator.</summary>
public static class ModelExplorerSample
{
    private const decimal PerMillion = 1_000_000m;

    /// <summary>Parses the arguments, loads the catalog and prints the table. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, string? apiKey, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (!Query.TryParse(args, out Query? query, out string? error) || query is null)
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync("usage: ModelExplorer [--supports tools,structured_outputs,reasoning,image_input,…] [--max-prompt-price USD_PER_M] [--sort price|context|name] [--top N]");
            return 2;
        }

        // openrouter.ai with a key; otherwise the offline emulator, whose model list is a fixture.
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);
        using var api = new OpenRouterClient(new OpenRouterClientOptions { ApiKey = endpoint.ApiKey, Endpoint = endpoint.Endpoint });
        using var catalog = new OpenRouterModelCatalog(api);

        // One HTTP request loads the catalog; capabilities are derived from supported_parameters and the architecture.
        IReadOnlyList<OpenRouterModelCapabilities> models = await catalog.GetCapabilitiesAsync(cancellationToken);

        IEnumerable<OpenRouterModelCapabilities> selected = models.Where(query.Matches);
        selected = query.Sort switch
        {
            "context" => selected.OrderByDescending(m => m.ContextLength ?? 0),
            "name" => selected.OrderBy(m => m.ModelId, StringComparer.OrdinalIgnoreCase),
            _ => selected.OrderBy(m => (m.PromptPrice ?? decimal.MaxValue / 4) + (m.CompletionPrice ?? decimal.MaxValue / 4)),
        };
        List<OpenRouterModelCapabilities> rows = selected.Take(query.Top).ToList();

        await output.WriteLineAsync($"{rows.Count} of {models.Count} models match {query}");
        await output.WriteLineAsync($"{"model",-44} {"in $/M",9} {"out $/M",9} {"context",9}  capabilities");
        await output.WriteLineAsync(new string('-', 100));
        foreach (OpenRouterModelCapabilities m in rows)
        {
            await output.WriteLineAsync(
                $"{Truncate(m.ModelId, 44),-44} {Price(m.PromptPrice),9} {Price(m.CompletionPrice),9} {m.ContextLength?.ToString("N0", CultureInfo.InvariantCulture) ?? "?",9}  {Describe(m)}");
        }

        return 0;
    }

    private static string Price(decimal? perToken) =>
        perToken is { } p ? (p * PerMillion).ToString("0.###", CultureInfo.InvariantCulture) : "?";

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Describe(OpenRouterModelCapabilities m)
    {
        var parts = new List<string>();
        if (m.SupportsTools)
        {
            parts.Add("tools");
        }

        if (m.SupportsStructuredOutputs)
        {
            parts.Add("structured");
        }

        if (m.SupportsReasoning)
        {
            parts.Add("reasoning");
        }

        if (m.SupportsImageInput)
        {
            parts.Add("image-in");
        }

        if (m.SupportsAudioInput)
        {
            parts.Add("audio-in");
        }

        if (m.SupportsFileInput)
        {
            parts.Add("file-in");
        }

        if (m.IsFree)
        {
            parts.Add("free");
        }

        return string.Join(' ', parts);
    }

    /// <summary>The command line: required capabilities, a price ceiling and an order.</summary>
    private sealed record Query(IReadOnlyList<string> Supports, decimal? MaxPromptPricePerMillion, string Sort, int Top)
    {
        public static bool TryParse(string[] args, out Query? query, out string? error)
        {
            var supports = new List<string>();
            decimal? maxPrice = null;
            string sort = "price";
            int top = 25;
            query = null;
            error = null;
            for (int i = 0; i < args.Length; i++)
            {
                string? value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--supports" when value is not null:
                        supports.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        i++;
                        break;
                    case "--max-prompt-price" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal price):
                        maxPrice = price;
                        i++;
                        break;
                    case "--sort" when value is "price" or "context" or "name":
                        sort = value;
                        i++;
                        break;
                    case "--top" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0:
                        top = n;
                        i++;
                        break;
                    default:
                        error = $"unknown or incomplete argument '{args[i]}'";
                        return false;
                }
            }

            query = new Query(supports, maxPrice, sort, top);
            return true;
        }

        public bool Matches(OpenRouterModelCapabilities m)
        {
            if (MaxPromptPricePerMillion is { } max && (m.PromptPrice is not { } price || price * PerMillion > max))
            {
                return false;
            }

            foreach (string feature in Supports)
            {
                bool ok = feature switch
                {
                    "image_input" => m.SupportsImageInput,
                    "audio_input" => m.SupportsAudioInput,
                    "video_input" => m.SupportsVideoInput,
                    "file_input" => m.SupportsFileInput,
                    "free" => m.IsFree,
                    // Anything else is an OpenRouter parameter name: tools, structured_outputs, reasoning, seed, …
                    _ => m.Supports(new OpenRouterParameter(feature)),
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() =>
            $"supports [{string.Join(", ", Supports)}]" +
            (MaxPromptPricePerMillion is { } max ? $", prompt price <= {max.ToString(CultureInfo.InvariantCulture)} USD/M" : string.Empty) +
            $", sorted by {Sort}";
    }
}
