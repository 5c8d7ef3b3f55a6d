using System.Diagnostics;
using System.Globalization;

namespace OpenRouter.Benchmarks;

/// <summary>
/// <c>--quick</c>: a rough, fast read of time and bytes per operation for every benchmark method (no statistics), used while
/// tuning. The numbers in docs/performance.md and bench/README.md come from the BenchmarkDotNet run.
/// </summary>
internal static class Quick
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? only = args.SkipWhile(a => a != "--quick").Skip(1).FirstOrDefault();
        object[] suites = [new NonStreamingBenchmarks(), new ContentStreamBenchmarks(), new ReasoningToolStreamBenchmarks(), new RequestBenchmarks(), new CatalogBenchmarks(), new ImageBenchmarks()];
        foreach (object suite in suites)
        {
            if (only is not null && !suite.GetType().Name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            suite.GetType().GetMethod("Setup")!.Invoke(suite, null);
            foreach (System.Reflection.MethodInfo method in suite.GetType().GetMethods())
            {
                if (method.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false).Length == 0)
                {
                    continue;
                }

                Func<Task> run = method.ReturnType == typeof(int) || method.ReturnType == typeof(long)
                    ? () => { method.Invoke(suite, null); return Task.CompletedTask; }
                    : () => (Task)method.Invoke(suite, null)!;
                for (int i = 0; i < 20; i++)
                {
                    await run();
                }

                int n = 0;
                var sw = Stopwatch.StartNew();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                while (sw.ElapsedMilliseconds < 300 || n < 5)
                {
                    await run();
                    n++;
                }

                long bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / n;
                double us = sw.Elapsed.TotalMicroseconds / n;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{suite.GetType().Name,-30} {method.Name,-16} {us,12:F1} us {bytes,12:N0} B"));
            }
        }

        return 0;
    }
}
