namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// Tests that observe process-wide state — the GC heap, the thread pool, <see cref="TaskScheduler.UnobservedTaskException"/> —
/// run alone, after the parallel tests, so other tests cannot disturb what they measure.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMeasurementCollection), DisableParallelization = true)]
public sealed class ProcessWideMeasurementCollection;
