namespace OpenRouter.Extensions.AI;

/// <summary>A string-backed open enumeration that <see cref="OpenRouterStringValueConverter{T}"/> can create.</summary>
/// <typeparam name="T">The implementing value type.</typeparam>
internal interface IOpenRouterStringValue<T>
    where T : struct, IOpenRouterStringValue<T>
{
    /// <summary>Gets the wire value.</summary>
    string Value { get; }

    /// <summary>Creates an instance from a wire value.</summary>
    static abstract T Create(string value);
}
