using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OpenRouter.Benchmarks;

/// <summary>
/// Median-based ratios: each row against the floor (the category's baseline) and against the peer of the same category,
/// for time and allocated bytes. BenchmarkDotNet's own Ratio column is mean-based; the targets are stated on medians.
/// </summary>
internal sealed class RatioColumns(RatioColumns.Kind kind) : IColumn
{
    public enum Kind
    {
        MedianVsFloor,
        MedianVsPeer,
        AllocVsPeer,
    }

    public string Id => nameof(RatioColumns) + kind;

    public string ColumnName => kind switch
    {
        Kind.MedianVsFloor => "Med/Floor",
        Kind.MedianVsPeer => "Med/Peer",
        _ => "Alloc/Peer",
    };

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => kind switch
    {
        Kind.MedianVsFloor => "Median time / median time of the floor (baseline) in the same category",
        Kind.MedianVsPeer => "Median time / median time of the peer (MEAI.OpenAI) in the same category",
        _ => "Allocated bytes / allocated bytes of the peer in the same category",
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? other = kind == Kind.MedianVsFloor
            ? Find(summary, benchmarkCase, c => c.Descriptor.Baseline)
            : Find(summary, benchmarkCase, c => c.Descriptor.WorkloadMethod.Name.StartsWith("Peer", StringComparison.Ordinal));
        if (other is null || summary[benchmarkCase] is not { } mine || summary[other] is not { } theirs)
        {
            return "-";
        }

        if (kind == Kind.AllocVsPeer)
        {
            long? a = mine.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            long? b = theirs.GcStats.GetBytesAllocatedPerOperation(other);
            return a is { } x && b is > 0 ? ((double)x / b.Value).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        double? m = mine.ResultStatistics?.Median;
        double? t = theirs.ResultStatistics?.Median;
        return m is { } mm && t is > 0 ? (mm / t.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    private static BenchmarkCase? Find(Summary summary, BenchmarkCase benchmarkCase, Func<BenchmarkCase, bool> predicate)
    {
        string categories = string.Join(",", benchmarkCase.Descriptor.Categories);
        return summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type &&
            string.Join(",", c.Descriptor.Categories) == categories &&
            predicate(c));
    }
}
