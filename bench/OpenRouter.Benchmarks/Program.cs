using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace OpenRouter.Benchmarks;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--check"))
        {
            return await Check.RunAsync();
        }

        if (args.Contains("--fleet"))
        {
            return await FleetNumbers.RunAsync(args);
        }

        if (args.Contains("--quick"))
        {
            return await Quick.RunAsync(args);
        }

        // Short in-process job: no separate build, a few warmups and iterations; the whole run stays under 5 minutes on 2 cores.
        Job job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithStrategy(RunStrategy.Throughput)
            .WithId("Short");

        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, new RatioColumns(RatioColumns.Kind.MedianVsFloor), new RatioColumns(RatioColumns.Kind.MedianVsPeer), new RatioColumns(RatioColumns.Kind.AllocVsPeer))
            .HideColumns(Column.Job, Column.Error, Column.StdDev, Column.RatioSD, "IterationCount", "IterationTime", "LaunchCount", "WarmupCount", "Toolchain", "RunStrategy")
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));

        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
