using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using OpenRouter.Extensions.AI.Tests.Reliability;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Fleet;

/// <summary>
/// A few hundred bytes of Brotli in the shared cache that inflate to 128 MB: the catalog stops decompressing at its limit
/// (<c>CatalogSharedForm.MaxDecodedBytes</c>, 16 MiB), refuses the entry and loads from OpenRouter. Measured with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>, alone (process-wide): an allocation bound, not a timing.
/// </summary>
[Collection(nameof(ProcessWideMeasurementCollection))]
public sealed class CacheEntryAllocationTests
{
    private const int InflatedBytes = 128 * 1024 * 1024;

    private const long AllowedBytes = 64L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> CacheKinds => TenantsHost.CacheKinds;

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task GetModelsAsync_SharedEntryInflatesTo128Megabytes_RefusedWithinTheLimit(string cache)
    {
        await using OpenRouterEmulator emulator = await OpenRouterEmulator.StartAsync(cancellationToken: Ct);
        await using TenantsHost host = await TenantsHost.CreateAsync(cache, emulator.Endpoint, emulator.Endpoint, cancellationToken: Ct);
        byte[] bomb = Bomb(host.Time.GetUtcNow());
        HybridCache hybrid = host.Services.GetRequiredService<HybridCache>();

        // A first load (an endpoint list) warms up JIT, HTTP and the cache client; then the bomb is the model list's shared entry.
        await host.Catalog("a").GetEndpointsAsync(TenantsHost.Model, Ct);
        await hybrid.SetAsync(host.Catalog("a").ModelsCacheKey, bomb, cancellationToken: Ct);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        IReadOnlyList<OpenRouterModel> models = await host.Catalog("a").GetModelsAsync(Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{cache}: a {bomb.Length:N0}-byte entry inflating to {InflatedBytes:N0} bytes; reading it and loading from the emulator allocated {allocated:N0} bytes");
        Assert.Contains(models, m => m.Id == TenantsHost.Model);
        Assert.Equal(1, FleetKit.ModelListRequests(emulator));
        Assert.Equal(1, host.LogCount("could not be read"));
        Assert.True(allocated < AllowedBytes, $"{allocated:N0} bytes allocated (limit {AllowedBytes:N0})");
    }

    /// <summary>A catalog entry whose one model has a 128 MB description: JSON that must be held whole to be read.</summary>
    private static byte[] Bomb(DateTimeOffset loadedAt)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(Encoding.UTF8.GetBytes(
                "{\"loaded_at\":\"" + loadedAt.ToString("O", CultureInfo.InvariantCulture) + "\",\"data\":[{\"id\":\"bomb/model\",\"description\":\""));
            byte[] block = Encoding.ASCII.GetBytes(new string('a', 1024 * 1024));
            for (int written = 0; written < InflatedBytes; written += block.Length)
            {
                brotli.Write(block);
            }

            brotli.Write("\"}]}"u8);
        }

        return buffer.ToArray();
    }
}
