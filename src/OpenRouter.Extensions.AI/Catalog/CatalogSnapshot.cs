namespace OpenRouter.Extensions.AI;

/// <summary>One load of <c>GET /models</c> with its lookup tables, built once per load and never changed.</summary>
internal sealed class CatalogSnapshot
{
    private readonly Dictionary<string, OpenRouterModelCapabilities> _byId;
    private readonly Dictionary<string, OpenRouterModelCapabilities> _bySlug;

    private CatalogSnapshot(IReadOnlyList<OpenRouterModel?> models)
    {
        _byId = new Dictionary<string, OpenRouterModelCapabilities>(models.Count, StringComparer.OrdinalIgnoreCase);
        _bySlug = new Dictionary<string, OpenRouterModelCapabilities>(models.Count, StringComparer.OrdinalIgnoreCase);
        var kept = new List<OpenRouterModel>(models.Count);
        var all = new List<OpenRouterModelCapabilities>(models.Count);
        foreach (OpenRouterModel? model in models)
        {
            // A null entry or one without an id cannot be requested or looked up: leave it out and count it.
            if (model is null || string.IsNullOrWhiteSpace(model.Id))
            {
                Skipped++;
                continue;
            }

            OpenRouterModelCapabilities capabilities = OpenRouterModelCapabilities.FromModel(model);
            kept.Add(model);
            all.Add(capabilities);

            // First entry wins for a repeated id or slug; ids are looked up before slugs.
            _byId.TryAdd(model.Id, capabilities);
            if (!string.IsNullOrEmpty(model.CanonicalSlug))
            {
                _bySlug.TryAdd(model.CanonicalSlug, capabilities);
            }
        }

        // Keep the list as loaded when nothing was left out.
        IReadOnlyList<OpenRouterModel> loaded = models!;
        Models = Skipped == 0 ? loaded : kept;
        Capabilities = all;
    }

    public IReadOnlyList<OpenRouterModel> Models { get; }

    public IReadOnlyList<OpenRouterModelCapabilities> Capabilities { get; }

    /// <summary>Gets how many entries were left out: <see langword="null"/> entries and models without an id.</summary>
    public int Skipped { get; }

    /// <summary>Builds the snapshot of a load.</summary>
    /// <param name="models">The models as deserialized; may contain <see langword="null"/> entries and models without an id, which are skipped.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="OpenRouterException">The data could not be indexed (a malformed response), so stale-on-error applies.</exception>
    public static CatalogSnapshot Create(IReadOnlyList<OpenRouterModel?> models)
    {
        try
        {
            return new CatalogSnapshot(models);
        }
        catch (Exception ex) when (ex is not OpenRouterException and not OperationCanceledException)
        {
            throw Failures.MalformedResponse(ex, generationId: null);
        }
    }

    public OpenRouterModelCapabilities? Find(string idOrSlug) =>
        _byId.TryGetValue(idOrSlug, out OpenRouterModelCapabilities? byId) ? byId
        : _bySlug.TryGetValue(idOrSlug, out OpenRouterModelCapabilities? bySlug) ? bySlug
        : null;
}
