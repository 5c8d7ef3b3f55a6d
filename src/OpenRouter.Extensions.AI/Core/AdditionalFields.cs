using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Stores a request field under its wire name in an options object's <c>AdditionalProperties</c>, for the typed <c>With…</c> helpers.</summary>
internal static class AdditionalFields
{
    /// <summary>Returns <paramref name="properties"/> (created when <see langword="null"/>) with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static AdditionalPropertiesDictionary Set(AdditionalPropertiesDictionary? properties, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        properties ??= [];
        properties[name] = value;
        return properties;
    }
}
