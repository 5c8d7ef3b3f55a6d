using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenRouter.Extensions.AI;

/// <summary>Records costs on the library's meter and on the current activity (see <see cref="OpenRouterTelemetry"/>).</summary>
internal static class CostMeter
{
    private const string ProviderName = "openrouter";

    private static readonly Meter Meter = new(OpenRouterTelemetry.MeterName, typeof(CostMeter).Assembly.GetName().Version?.ToString());

    private static readonly Histogram<double> Cost = Meter.CreateHistogram(
        OpenRouterTelemetry.CostInstrumentName,
        OpenRouterTelemetry.CostUnit,
        "The cost in US dollars of each OpenRouter response, as OpenRouter reported it.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000001, 0.00001, 0.0001, 0.001, 0.01, 0.1, 1, 10] });

    /// <summary>
    /// Records one response's cost with its model and provider tags, and adds it to <see cref="Activity.Current"/>'s cost tag.
    /// The tag texts the server sent pass through <paramref name="redactor"/> like every other text that reaches a user.
    /// </summary>
    public static void Record(decimal cost, string operationName, string? requestModel, string? responseModel, string? upstreamProvider, SecretRedactor redactor)
    {
        responseModel = redactor.Redact(responseModel);
        upstreamProvider = redactor.Redact(upstreamProvider);
        double value = (double)cost;
        if (Cost.Enabled)
        {
            var tags = new TagList
            {
                { "gen_ai.operation.name", operationName },
                { "gen_ai.provider.name", ProviderName },
            };
            AddIfSet(ref tags, "gen_ai.request.model", requestModel);
            AddIfSet(ref tags, "gen_ai.response.model", responseModel);
            AddIfSet(ref tags, OpenRouterTelemetry.UpstreamProviderAttributeName, upstreamProvider);
            Cost.Record(value, tags);
        }

        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            double previous = activity.GetTagItem(OpenRouterTelemetry.CostAttributeName) is double earlier ? earlier : 0;
            activity.SetTag(OpenRouterTelemetry.CostAttributeName, previous + value);
        }
    }

    private static void AddIfSet(ref TagList tags, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            tags.Add(name, value);
        }
    }
}
