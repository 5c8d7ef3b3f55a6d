using CsCheck;

namespace OpenRouter.Extensions.AI.Tests.Reliability.Fuzz;

/// <summary>The property every fuzz case must hold.</summary>
internal static class FuzzProperty
{
    /// <summary>The longest a single case may take before it counts as a hang.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="call"/>: it must complete or throw <see cref="OpenRouterException"/>. Any other exception
    /// type, or not finishing within <see cref="CaseTimeout"/> (a hang), fails the case.
    /// </summary>
    public static Task CompletesOrThrowsOpenRouterExceptionAsync(ref long counter, Func<CancellationToken, Task> call)
    {
        Interlocked.Increment(ref counter);
        return CompletesOrThrowsOpenRouterExceptionAsync(call);
    }

    /// <summary>
    /// Runs <paramref name="call"/> over <see cref="FuzzMutator.Iterations"/> cases of <paramref name="cases"/>, each of
    /// which must hold the property. Without <c>OPENROUTER_FUZZ_SEED</c> the cases are one fixed sequence, the same on
    /// every machine and run, so a CI run fails only for a change; a failure names the seed that replays it.
    /// <c>OPENROUTER_FUZZ_SEED=random</c> explores new cases with CsCheck (which shrinks a failure and prints its seed);
    /// any other value replays that seed first.
    /// </summary>
    public static async Task SampleAsync(Gen<FuzzCase> cases, Func<FuzzCase, CancellationToken, Task> call)
    {
        long ran = 0;
        string? seed = FuzzMutator.Seed;
        if (seed is null)
        {
            for (ulong i = 0; i < (ulong)FuzzMutator.Iterations; i++)
            {
                var pcg = new PCG(FixedStream, i);
                string replay = pcg.ToString();
                FuzzCase c = cases.Generate(pcg, null!, out _);
                try
                {
                    await CompletesOrThrowsOpenRouterExceptionAsync(ref ran, ct => call(c, ct));
                }
                catch (FuzzFailureException ex)
                {
                    throw new FuzzFailureException($"Case {i} ({c}) failed; replay it with OPENROUTER_FUZZ_SEED={replay}. {ex.Message}", ex);
                }
            }
        }
        else
        {
            await cases.SampleAsync(
                c => CompletesOrThrowsOpenRouterExceptionAsync(ref ran, ct => call(c, ct)),
                seed: seed == "random" ? null : seed,
                iter: FuzzMutator.Iterations,
                print: c => c.ToString());
        }

        Report(ran);
    }

    /// <summary>The PCG stream of the fixed sequence; any constant works, this one only has to stay put.</summary>
    private const uint FixedStream = 22;

    /// <summary>Checks that the sample really ran (at least the configured number of cases) and writes the count to the test output.</summary>
    public static void Report(long cases)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"{cases} fuzz cases passed.");
        Assert.True(cases >= FuzzMutator.Iterations, $"only {cases} of {FuzzMutator.Iterations} cases ran");
    }

    /// <summary>Runs one case (see the class summary).</summary>
    public static async Task CompletesOrThrowsOpenRouterExceptionAsync(Func<CancellationToken, Task> call)
    {
        using var timeout = new CancellationTokenSource(CaseTimeout);
        Task task;
        try
        {
            task = call(timeout.Token);
        }
        catch (OpenRouterException)
        {
            return;
        }

        try
        {
            await task.WaitAsync(CaseTimeout + TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (OpenRouterException)
        {
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new FuzzFailureException($"The call did not finish within {CaseTimeout.TotalSeconds} s (a hang).", ex);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new FuzzFailureException("The call ignored its cancellation token and hung.", ex);
        }
        catch (Exception ex)
        {
            throw new FuzzFailureException($"{ex.GetType().FullName} escaped instead of OpenRouterException: {ex.Message}", ex);
        }
    }
}

/// <summary>A fuzz case broke the property.</summary>
internal sealed class FuzzFailureException(string message, Exception inner) : Exception(message, inner);
