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

    /// <summary>
    /// Returns the request to send: <paramref name="options"/> and <paramref name="raw"/> themselves, or (Drop) a clone of the
    /// options and a copy of the raw request without the unsupported fields, whichever source they came from.
    /// </summary>
    /// <exception cref="NotSupportedException">Strict mode and the model lacks a feature the request uses, or the catalog does not know the model.</exception>
    public async ValueTask<(ChatOptions? Options, OpenRouterChatRequest? Raw)> ApplyAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, OpenRouterChatRequest? raw, string? modelId, CancellationToken cancellationToken)
    {
        if (_mode == OpenRouterCapabilityCheck.Off || string.IsNullOrEmpty(modelId))
        {
            return (options, raw);
        }

        if (_mode == OpenRouterCapabilityCheck.Drop)
        {
            options = DropUnsendableTools(options, modelId);
        }

        if (IsPreset(modelId))
        {
            // A preset names its model (and maybe fallbacks) on OpenRouter's side: there is nothing in the catalog to check it against.
            return (options, raw);
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
            return (options, raw);
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
            return (options, raw);
        }

        // The check sees the request as it will be written: every field from whichever source wins (raw request, typed option, AdditionalProperties).
        var request = new ChatRequestView(messages, options, raw, modelId, stream: false);
        List<Issue> issues = FindFieldIssues(request, capabilities);
        List<string> content = FindContentIssues(request, capabilities);
        if (issues.Count == 0 && content.Count == 0)
        {
            return (options, raw);
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
            return (options, raw);
        }

        // Clone gives the copy its own AdditionalProperties dictionary, so removals never reach the caller's options or raw request.
        ChatOptions clone = options?.Clone() ?? new ChatOptions();
        OpenRouterChatRequest? rawCopy = raw is null ? null : OpenRouterChatRequest.CopyOf(raw);
        foreach (Issue issue in issues)
        {
            foreach (ChatRequestField field in issue.Fields)
            {
                field.ClearTyped?.Invoke(clone);
                clone.AdditionalProperties?.Remove(field.Name);
                rawCopy?.Fields.Remove(field.Name);
            }

            issue.Replace?.Invoke(clone, capabilities);
        }

        CatalogLog.Dropped(_logger, capabilities.ModelId, string.Join(", ", issues.Select(i => i.Feature)));
        return (clone, rawCopy);
    }

    /// <summary>The prefix of a preset used as the model, <c>@preset/</c> (OpenRouter's presets feature).</summary>
    internal const string PresetPrefix = "@preset/";

    /// <summary>Whether <paramref name="modelId"/> names a preset (<c>@preset/slug</c>) rather than a model.</summary>
    internal static bool IsPreset(string modelId) => modelId.StartsWith(PresetPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Drop mode: a clone of the options without the tools OpenRouter has no equivalent of (the writer would refuse them), logged as a warning.</summary>
    private ChatOptions? DropUnsendableTools(ChatOptions? options, string modelId)
    {
        if (options?.Tools is not { Count: > 0 } tools || tools.All(ChatToolWriter.CanSend))
        {
            return options;
        }

        CatalogLog.DroppedUnsendableTools(_logger, modelId, string.Join(", ", tools.Where(t => !ChatToolWriter.CanSend(t)).Select(ChatToolWriter.Describe)));
        ChatOptions clone = options.Clone();
        clone.Tools = [.. tools.Where(ChatToolWriter.CanSend)];
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

    private static List<Issue> FindFieldIssues(in ChatRequestView request, OpenRouterModelCapabilities model)
    {
        var issues = new List<Issue>();
        if (request.Has(ChatRequestFields.Tools))
        {
            if (!model.SupportsTools)
            {
                issues.Add(new("tools", [ChatRequestFields.Tools, ChatRequestFields.ToolChoice, ChatRequestFields.ParallelToolCalls]));
            }
            else
            {
                // Auto is the default behaviour and needs no tool_choice support; required, none and a raw value do.
                RequestFieldSource choice = request.SourceOf(ChatRequestFields.ToolChoice);
                bool needsChoice = choice == RequestFieldSource.Typed
                    ? request.Options!.ToolMode is RequiredChatToolMode or NoneChatToolMode
                    : choice != RequestFieldSource.None;
                if (needsChoice && !model.SupportsToolChoice)
                {
                    issues.Add(new("tool_choice", [ChatRequestFields.ToolChoice]));
                }

                if (request.Has(ChatRequestFields.ParallelToolCalls) && !model.SupportsParallelToolCalls)
                {
                    issues.Add(new("parallel_tool_calls", [ChatRequestFields.ParallelToolCalls]));
                }
            }
        }

        switch (request.SourceOf(ChatRequestFields.ResponseFormat))
        {
            case RequestFieldSource.Typed when request.Options!.ResponseFormat is ChatResponseFormatJson { Schema: not null } && !model.SupportsStructuredOutputs:
                // Drop degrades a schema to JSON mode when the model has it.
                issues.Add(new("structured_outputs (JSON schema response format)", [ChatRequestFields.ResponseFormat], static (o, m) =>
                    o.ResponseFormat = m.SupportsResponseFormat ? ChatResponseFormat.Json : null));
                break;
            case RequestFieldSource.Typed when request.Options!.ResponseFormat is ChatResponseFormatJson && !model.SupportsResponseFormat && !model.SupportsStructuredOutputs:
                issues.Add(new("response_format (JSON)", [ChatRequestFields.ResponseFormat]));
                break;
            case RequestFieldSource.RawRequest or RequestFieldSource.AdditionalProperties when !model.SupportsResponseFormat && !model.SupportsStructuredOutputs:
                issues.Add(new("response_format", [ChatRequestFields.ResponseFormat]));
                break;
        }

        // A request that turns reasoning off asks for nothing, unless the model cannot turn it off.
        OpenRouterReasoning? reasoning = request.ResolvedReasoning();
        OpenRouterModelReasoning? metadata = model.Model.Reasoning;
        if (reasoning is { Enabled: not false } && !model.SupportsReasoning)
        {
            issues.Add(new("reasoning", [ChatRequestFields.Reasoning]));
        }
        else if (reasoning is not null && metadata is { Mandatory: true } && (reasoning.Enabled == false || IsEffort(reasoning.Effort, "none")))
        {
            issues.Add(new("turning reasoning off (mandatory for this model)", [ChatRequestFields.Reasoning]));
        }
        else if (reasoning is { Enabled: not false, Effort: { } effort } && metadata?.SupportedEfforts is { Count: > 0 } efforts &&
            !IsEffort(effort, "none") && !efforts.Any(e => IsEffort(effort, e)))
        {
            issues.Add(new($"reasoning effort '{effort}' (supported: {string.Join(", ", efforts)})", [ChatRequestFields.Reasoning]));
        }

        // The rows with a plain catalog parameter, one issue per parameter (logprobs covers top_logprobs).
        foreach (ChatRequestField field in ChatRequestFields.All)
        {
            if (field.Requires is { } parameter && !model.Supports(parameter) && request.Has(field))
            {
                if (issues.Find(i => i.Feature == parameter.Value) is { } existing)
                {
                    existing.Fields.Add(field);
                }
                else
                {
                    issues.Add(new(parameter.Value, [field]));
                }
            }
        }

        return issues;
    }

    private static List<string> FindContentIssues(in ChatRequestView request, OpenRouterModelCapabilities model)
    {
        var missing = new List<string>();
        if (model.InputModalities.Count == 0)
        {
            // No modality data: nothing to check against.
            return missing;
        }

        // OpenRouter's file-parser plugin reads PDFs for any model; with plugins configured, file input is not checked.
        bool checkFiles = !request.Has(ChatRequestFields.Plugins);
        foreach (ChatMessage message in request.Messages)
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

    private static bool IsEffort(string? effort, string value) => string.Equals(effort, value, StringComparison.OrdinalIgnoreCase);

    /// <summary>An unsupported feature: the rows Drop removes from every source, and what it puts in their place.</summary>
    private sealed record Issue(string Feature, List<ChatRequestField> Fields, Action<ChatOptions, OpenRouterModelCapabilities>? Replace = null);
}
