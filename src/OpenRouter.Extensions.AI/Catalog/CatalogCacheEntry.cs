using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>The form in which a load is kept in the shared cache: when it was loaded (the loading catalog's clock) and the data.</summary>
/// <typeparam name="TData">The model list or a model's endpoints.</typeparam>
internal sealed class CatalogCacheEntry<TData>
    where TData : class
{
    [JsonPropertyName("loaded_at")]
    public DateTimeOffset LoadedAt { get; set; }

    [JsonPropertyName("data")]
    public TData? Data { get; set; }
}

/// <summary>Turns one kind of load into shared-cache bytes and back: Brotli-compressed JSON of a <see cref="CatalogCacheEntry{TData}"/>.</summary>
/// <remarks>
/// Compressed because a real <c>/models</c> list is several hundred kilobytes of JSON and HybridCache's default
/// <c>MaximumPayloadBytes</c> is 1 MiB: an entry above it is not stored in the distributed cache at all, which would
/// silently bring back one fetch per instance. JSON of this kind compresses about tenfold. The shared cache is not trusted:
/// decompression stops at <see cref="MaxDecodedBytes"/>, and an entry without a load time or without usable data is refused.
/// </remarks>
/// <typeparam name="T">The value the catalog serves.</typeparam>
internal abstract class CatalogSharedForm<T>
    where T : class
{
    /// <summary>
    /// The most bytes an entry may decompress to (16 MiB; the real model list is about 1 MB of JSON). A few hundred bytes of Brotli
    /// can inflate to hundreds of megabytes; such an entry is refused after this many, instead of costing the reader that much memory.
    /// </summary>
    public const int MaxDecodedBytes = 16 * 1024 * 1024;

    /// <summary>The model list, served as a <see cref="CatalogSnapshot"/>.</summary>
    public static readonly CatalogSharedForm<CatalogSnapshot> Models = new ModelsForm();

    /// <summary>A model's endpoints.</summary>
    public static readonly CatalogSharedForm<OpenRouterModelEndpoints> Endpoints = new EndpointsForm();

    public abstract byte[] Encode(T value, DateTimeOffset loadedAt);

    /// <summary>Reads bytes written by <see cref="Encode"/>.</summary>
    /// <returns>The value and when it was loaded.</returns>
    /// <exception cref="Exception">
    /// The bytes are not a complete entry of this form (another version, corruption, no load time or no data, more than
    /// <see cref="MaxDecodedBytes"/> decompressed); the caller treats it as a miss.
    /// </exception>
    public abstract (T Value, DateTimeOffset LoadedAt) Decode(byte[] bytes);

    protected static byte[] Write<TData>(CatalogCacheEntry<TData> entry, JsonTypeInfo<CatalogCacheEntry<TData>> typeInfo)
        where TData : class
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, entry, typeInfo);
        }

        return buffer.ToArray();
    }

    /// <summary>Decompresses (at most <see cref="MaxDecodedBytes"/>) and deserializes an entry that must have a load time and data.</summary>
    protected static (TData Data, DateTimeOffset LoadedAt) Read<TData>(byte[] bytes, JsonTypeInfo<CatalogCacheEntry<TData>> typeInfo)
        where TData : class
    {
        using var json = new BoundedReadStream(new BrotliStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress), MaxDecodedBytes);
        CatalogCacheEntry<TData>? entry = JsonSerializer.Deserialize(json, typeInfo);
        return entry is { Data: { } data } && entry.LoadedAt != default
            ? (data, entry.LoadedAt)
            : throw new InvalidDataException("The entry has no load time or no data.");
    }

    private sealed class ModelsForm : CatalogSharedForm<CatalogSnapshot>
    {
        public override byte[] Encode(CatalogSnapshot value, DateTimeOffset loadedAt) =>
            Write(new CatalogCacheEntry<IReadOnlyList<OpenRouterModel?>> { LoadedAt = loadedAt, Data = value.Models }, OpenRouterJsonContext.Default.SharedModelList);

        public override (CatalogSnapshot Value, DateTimeOffset LoadedAt) Decode(byte[] bytes)
        {
            (IReadOnlyList<OpenRouterModel?> models, DateTimeOffset loadedAt) = Read(bytes, OpenRouterJsonContext.Default.SharedModelList);
            CatalogSnapshot snapshot = CatalogSnapshot.Create(models);
            return snapshot.Models.Count > 0 ? (snapshot, loadedAt) : throw new InvalidDataException("The entry lists no model with an id.");
        }
    }

    private sealed class EndpointsForm : CatalogSharedForm<OpenRouterModelEndpoints>
    {
        public override byte[] Encode(OpenRouterModelEndpoints value, DateTimeOffset loadedAt) =>
            Write(new CatalogCacheEntry<OpenRouterModelEndpoints> { LoadedAt = loadedAt, Data = value }, OpenRouterJsonContext.Default.SharedModelEndpoints);

        public override (OpenRouterModelEndpoints Value, DateTimeOffset LoadedAt) Decode(byte[] bytes)
        {
            (OpenRouterModelEndpoints endpoints, DateTimeOffset loadedAt) = Read(bytes, OpenRouterJsonContext.Default.SharedModelEndpoints);
            return endpoints.Id.Length > 0 ? (endpoints, loadedAt) : throw new InvalidDataException("The entry names no model.");
        }
    }
}
