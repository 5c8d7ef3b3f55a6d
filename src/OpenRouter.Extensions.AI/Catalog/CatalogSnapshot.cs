namespace OpenRouter.Extensions.AI;

/// <summary>One load of <c>GET /models</c> with its lookup tables, built once per load and never changed.</summary>
internal sealed class CatalogSnapshot
{
    private readonly Dictionary<string, OpenRouterModelCapabilities> _byId;
    private readonly Dictionary<string, OpenRouterModelCapabilities> _bySlug;

    public CatalogSnapshot(IReadOnlyList<OpenRouterModel> models)
    {
        Models = models;
        var all = new OpenRouterModelCapabilities[models.Count];
        _byId = new Dictionary<string, OpenRouterModelCapabilities>(models.Count, StringComparer.OrdinalIgnoreCase);
        _bySlug = new Dictionary<string, OpenRouterModelCapabilities>(models.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < models.Count; i++)
        {
            OpenRouterModelCapabilities capabilities = OpenRouterModelCapabilities.FromModel(models[i]);
            all[i] = capabilities;

            // First entry wins for a repeated id or slug; ids are looked up before slugs.
            _byId.TryAdd(models[i].Id, capabilities);
            if (!string.IsNullOrEmpty(models[i].CanonicalSlug))
            {
                _bySlug.TryAdd(models[i].CanonicalSlug!, capabilities);
            }
        }

        Capabilities = all;
    }

    public IReadOnlyList<OpenRouterModel> Models { get; }

    public IReadOnlyList<OpenRouterModelCapabilities> Capabilities { get; }

    public OpenRouterModelCapabilities? Find(string idOrSlug) =>
        _byId.TryGetValue(idOrSlug, out OpenRouterModelCapabilities? byId) ? byId
        : _bySlug.TryGetValue(idOrSlug, out OpenRouterModelCapabilities? bySlug) ? bySlug
        : null;
}
