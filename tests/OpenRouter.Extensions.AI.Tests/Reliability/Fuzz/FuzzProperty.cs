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
