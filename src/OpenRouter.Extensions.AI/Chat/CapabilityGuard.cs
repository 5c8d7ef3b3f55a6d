using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Checks a chat request against the model's catalog capabilities before <see cref="OpenRouterChatClient"/> writes it,
/// as <see cref="OpenRouterCapabilityCheck"/> says: nothing, throw, or drop unsupported parameters from a clone of the options.
/// </summary>
internal sealed class CapabilityGuard
{
    private readonly OpenRouterCapabilityCheck _mode;
    private readonly ILogger _logger;

    public CapabilityGuard(OpenRouterModelCatalog catalog, OpenRouterCapabilityCheck mode, ILogger logger)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown capability check mode.");
        }

        Catalog = catalog;
        _mode = mode;
        _logger = logger;
    }

    public OpenRouterModelCatalog Catalog { get; }

    /// <summary>Returns the options to send: <paramref name="options"/> itself, or a clone without the unsupported parameters (Drop).</summary>
    /// <exception cref="NotSupportedException">Strict mode and the model lacks a feature the request uses, or the catalog does not know the model.</exception>
    public async ValueTask<ChatOptions?> ApplyAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, string? modelId, CancellationToken cancellationToken)
    {
        if (_mode == OpenRouterCapabilityCheck.Off || string.IsNullOrEmpty(modelId))
        {
            return options;
        }

        OpenRouterModelCapabilities? capabilities;
        try
        {
            capabilities = await Catalog.GetCapabilitiesAsync(modelId, cancellationToken).ConfigureAwait(false);
        }
        catch (OpenRouterException ex)
        {
            // The catalog is never required for chatting.
            CatalogLog.CatalogUnavailable(_logger, modelId, ex);
            return options;
        }

        if (capabilities is null)
        {
            if (_mode == OpenRouterCapabilityCheck.Strict && !IsVariantOfKnownModel(modelId))
            {
                IReadOnlyList<OpenRouterModelCapabilities> known = await Catalog.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
                throw new NotSupportedException(
                    $"Model '{modelId}' is not in the OpenRouter model catalog. Closest known ids: {string.Join(", ", ClosestIds(modelId, known))}. " +
                    "Check the id, or use OpenRouterCapabilityCheck.Drop or Off to send it unchecked.");
            }

            CatalogLog.UnknownModel(_logger, modelId);
            return options;
        }

        List<Issue> issues = FindOptionIssues(options, capabilities);
        List<string> content = FindContentIssues(messages, options, capabilities);
        if (issues.Count == 0 && content.Count == 0)
        {
            return options;
        }

        if (_mode == OpenRouterCapabilityCheck.Strict)
        {
            IEnumerable<string> features = issues.Select(i => i.Feature).Concat(content);
            throw new NotSupportedException(
                $"Model '{capabilities.ModelId}' does not support {string.Join(", ", features)} according to the OpenRouter model catalog " +
                "(supported_parameters / architecture.input_modalities). Remove the feature, choose another model, or use OpenRouterCapabilityCheck.Drop or Off.");
        }

        if (content.Count > 0)
        {
            CatalogLog.UnsupportedContentKept(_logger, capabilities.ModelId, string.Join(", ", content));
        }

        if (issues.Count == 0)
        {
            return options;
        }

        // Clone gives the copy its own AdditionalProperties dictionary, so removals never reach the caller's options.
        ChatOptions clone = options!.Clone();

        foreach (Issue issue in issues)
        {
            issue.Drop(clone, capabilities);
        }

        CatalogLog.Dropped(_logger, capabilities.ModelId, string.Join(", ", issues.Select(i => i.Feature)));
        return clone;
    }

    /// <summary>
    /// Whether <paramref name="modelId"/> is a known model with a routing suffix (<c>:online</c>, <c>:nitro</c>, <c>:floor</c>…),
    /// which OpenRouter accepts but does not list: such an id is sent unchecked rather than rejected.
    /// </summary>
    private bool IsVariantOfKnownModel(string modelId)
    {
        int colon = modelId.LastIndexOf(':');
        return colon > 0 && Catalog.TryGetCapabilities(modelId[..colon], out _);
    }

    /// <summary>The three catalog ids nearest to <paramref name="modelId"/> by edit distance (ties in catalog order).</summary>
    private static IEnumerable<string> ClosestIds(string modelId, IReadOnlyList<OpenRouterModelCapabilities> known) =>
        known.Select(m => m.ModelId)
            .Select(id => (Id: id, Distance: EditDistance(modelId, id)))
            .OrderBy(c => c.Distance)
            .Take(3)
            .Select(c => c.Id);

    /// <summary>The Levenshtein distance between two ids (ordinal, case-insensitive); one row of memory.</summary>
    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>Answers <c>GetService</c> for catalog types: the model (by <paramref name="serviceKey"/> or the default model) from the last load.</summary>
    public object? GetService(Type serviceType, object? serviceKey, string? defaultModelId)
    {
        if (serviceType == typeof(OpenRouterModelCatalog))
        {
            return serviceKey is null ? Catalog : null;
        }

        string? modelId = serviceKey is null ? defaultModelId : serviceKey as string;
        if (string.IsNullOrEmpty(modelId) || !Catalog.TryGetCapabilities(modelId, out OpenRouterModelCapabilities? capabilities))
        {
            return null;
        }

        return serviceType == typeof(OpenRouterModelCapabilities) ? capabilities : capabilities.Model;
    }

    private static List<Issue> FindOptionIssues(ChatOptions? options, OpenRouterModelCapabilities model)
    {
        var issues = new List<Issue>();
        if (options is null)
        {
            return issues;
        }

        AdditionalPropertiesDictionary? extra = options.AdditionalProperties;
        bool hasTools = options.Tools is { Count: > 0 } || Has(extra, "tools");
        if (hasTools && !model.SupportsTools)
        {
            issues.Add(new("tools", static (o, _) =>
            {
                o.Tools = null;
                o.ToolMode = null;
                o.AllowMultipleToolCalls = null;
                Remove(o, "tools", "tool_choice", "parallel_tool_calls");
            }));
        }
        else if (hasTools)
        {
            // Auto is the default behaviour and needs no tool_choice support; required and none do.
            if ((options.ToolMode is RequiredChatToolMode or NoneChatToolMode || Has(extra, "tool_choice")) && !model.SupportsToolChoice)
            {
                issues.Add(new("tool_choice", static (o, _) =>
                {
                    o.ToolMode = null;
                    Remove(o, "tool_choice");
                }));
            }

            if ((options.AllowMultipleToolCalls is not null || Has(extra, "parallel_tool_calls")) && !model.SupportsParallelToolCalls)
            {
                issues.Add(new("parallel_tool_calls", static (o, _) =>
                {
                    o.AllowMultipleToolCalls = null;
                    Remove(o, "parallel_tool_calls");
                }));
            }
        }

        if (options.ResponseFormat is ChatResponseFormatJson { Schema: not null } && !model.SupportsStructuredOutputs)
        {
            // Drop degrades a schema to JSON mode when the model has it.
            issues.Add(new("structured_outputs (JSON schema response format)", static (o, m) =>
                o.ResponseFormat = m.SupportsResponseFormat ? ChatResponseFormat.Json : null));
        }
        else if (options.ResponseFormat is ChatResponseFormatJson && !model.SupportsResponseFormat && !model.SupportsStructuredOutputs)
        {
            issues.Add(new("response_format (JSON)", static (o, _) => o.ResponseFormat = null));
        }
        else if (options.ResponseFormat is null && Has(extra, "response_format") && !model.SupportsResponseFormat && !model.SupportsStructuredOutputs)
        {
            issues.Add(new("response_format", static (o, _) => Remove(o, "response_format")));
        }

        if (AsksForReasoning(options) && !model.SupportsReasoning)
        {
            issues.Add(new("reasoning", static (o, _) =>
            {
                o.Reasoning = null;
                Remove(o, "reasoning");
            }));
        }

        AddIfUnsupported(issues, Has(extra, "include_reasoning"), model.SupportsIncludeReasoning, "include_reasoning", static (o, _) => Remove(o, "include_reasoning"));
        AddIfUnsupported(issues, options.Seed is not null || Has(extra, "seed"), model.SupportsSeed, "seed", static (o, _) =>
        {
            o.Seed = null;
            Remove(o, "seed");
        });
        AddIfUnsupported(issues, options.StopSequences is { Count: > 0 } || Has(extra, "stop"), model.SupportsStop, "stop", static (o, _) =>
        {
            o.StopSequences = null;
            Remove(o, "stop");
        });
        AddIfUnsupported(issues, Has(extra, "logprobs") || Has(extra, "top_logprobs"), model.SupportsLogprobs, "logprobs", static (o, _) => Remove(o, "logprobs", "top_logprobs"));
        return issues;
    }

    private static List<string> FindContentIssues(IEnumerable<ChatMessage> messages, ChatOptions? options, OpenRouterModelCapabilities model)
    {
        var missing = new List<string>();
        if (model.InputModalities.Count == 0)
        {
            // No modality data: nothing to check against.
            return missing;
        }

        // OpenRouter's file-parser plugin reads PDFs for any model; with plugins configured, file input is not checked.
        bool checkFiles = !Has(options?.AdditionalProperties, "plugins");
        foreach (ChatMessage message in messages)
        {
            foreach (AIContent content in message.Contents)
            {
                string? mediaType = content switch
                {
                    DataContent data => data.MediaType,
                    UriContent uri => uri.MediaType,
                    _ => null,
                };

                if (mediaType is null)
                {
                    continue;
                }

                OpenRouterModality modality = ModalityOf(mediaType);
                if (modality == OpenRouterModality.File && !checkFiles)
                {
                    continue;
                }

                string feature = modality.Value + " input";
                if (!model.InputModalities.Contains(modality) && !missing.Contains(feature))
                {
                    missing.Add(feature);
                }
            }
        }

        return missing;
    }

    private static OpenRouterModality ModalityOf(string mediaType) =>
        mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? OpenRouterModality.Image
        : mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? OpenRouterModality.Audio
        : mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? OpenRouterModality.Video
        : OpenRouterModality.File;

    private static void AddIfUnsupported(List<Issue> issues, bool used, bool supported, string feature, Action<ChatOptions, OpenRouterModelCapabilities> drop)
    {
        if (used && !supported)
        {
            issues.Add(new(feature, drop));
        }
    }

    private static bool Has(AdditionalPropertiesDictionary? extra, string key) => extra?.ContainsKey(key) == true;

    private static void Remove(ChatOptions options, params ReadOnlySpan<string> keys)
    {
        foreach (string key in keys)
        {
            options.AdditionalProperties?.Remove(key);
        }
    }

    private sealed record Issue(string Feature, Action<ChatOptions, OpenRouterModelCapabilities> Drop);

    /// <summary>Whether the request asks the model to reason; a request that turns reasoning off asks for nothing.</summary>
    private static bool AsksForReasoning(ChatOptions options)
    {
        object? extra = options.AdditionalProperties is { } properties && properties.TryGetValue("reasoning", out object? value) ? value : null;
        if (options.Reasoning is null && extra is null)
        {
            return false;
        }

        OpenRouterReasoning? reasoning = OpenRouterReasoning.Combine(options.Reasoning, extra);
        return reasoning is not null && reasoning.Enabled != false;
    }
}
