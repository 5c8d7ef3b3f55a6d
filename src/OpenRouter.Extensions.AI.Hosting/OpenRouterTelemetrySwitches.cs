using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// What the registrations do with <see cref="OpenRouterClientOptions.DisableTracing"/>, <see cref="OpenRouterClientOptions.DisableMetrics"/>
/// and <see cref="OpenRouterClientOptions.EnableSensitiveTelemetryData"/>, as Aspire's client integrations do: the inner client
/// is wrapped in Microsoft.Extensions.AI's OpenTelemetry client (innermost, so each call to OpenRouter is one span, inside any
/// middleware the caller adds), and the app's OpenTelemetry (if it has one: <c>services.AddOpenTelemetry()</c>, Aspire's
/// ServiceDefaults) is subscribed to the spans and to the meter <see cref="OpenRouterTelemetry.MeterName"/>.
/// </summary>
/// <remarks>
/// Spans and metrics share the name <see cref="OpenRouterTelemetry.MeterName"/>, so the cost histogram and the
/// <c>gen_ai.*</c> metrics come with one <c>AddMeter</c>. Without OpenTelemetry in the app nothing listens, and an unobserved
/// span or measurement costs nothing.
/// </remarks>
internal static class OpenRouterTelemetrySwitches
{
    /// <summary>Subscribes the app's OpenTelemetry, when it builds its providers, as the options of the registration say.</summary>
    public static void Subscribe(IServiceCollection services, string optionsName)
    {
        services.ConfigureOpenTelemetryTracerProvider((sp, tracing) =>
        {
            if (Read(sp, optionsName) is { DisableTracing: false })
            {
                tracing.AddSource(OpenRouterTelemetry.MeterName);
            }
        });
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            if (Read(sp, optionsName) is { DisableMetrics: false })
            {
                metrics.AddMeter(OpenRouterTelemetry.MeterName);
            }
        });
    }

    /// <summary>Wraps a chat client unless both tracing and metrics are off.</summary>
    public static IChatClient Wrap(IChatClient inner, OpenRouterClientOptions options, IServiceProvider services) =>
        options is { DisableTracing: true, DisableMetrics: true }
            ? inner
            : new OpenTelemetryChatClient(inner, Logger(services), OpenRouterTelemetry.MeterName) { EnableSensitiveData = options.EnableSensitiveTelemetryData };

    /// <summary>Wraps an embedding generator unless both tracing and metrics are off.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Wrap(IEmbeddingGenerator<string, Embedding<float>> inner, OpenRouterClientOptions options, IServiceProvider services) =>
        options is { DisableTracing: true, DisableMetrics: true }
            ? inner
            : new OpenTelemetryEmbeddingGenerator<string, Embedding<float>>(inner, Logger(services), OpenRouterTelemetry.MeterName) { EnableSensitiveData = options.EnableSensitiveTelemetryData };

    /// <summary>Wraps an image generator unless both tracing and metrics are off.</summary>
    [Experimental("MEAI001")]
    public static IImageGenerator Wrap(IImageGenerator inner, OpenRouterClientOptions options, IServiceProvider services) =>
        options is { DisableTracing: true, DisableMetrics: true }
            ? inner
            : new OpenTelemetryImageGenerator(inner, Logger(services), OpenRouterTelemetry.MeterName) { EnableSensitiveData = options.EnableSensitiveTelemetryData };

    private static ILogger? Logger(IServiceProvider services) => services.GetService<ILoggerFactory>()?.CreateLogger("OpenRouter.Extensions.AI.Telemetry");

    /// <summary>The registration's options; <see langword="null"/> when they are invalid (start-up then fails on its own, naming why).</summary>
    private static OpenRouterClientOptions? Read(IServiceProvider services, string optionsName)
    {
        try
        {
            return OpenRouterServiceCollectionExtensions.GetOptions(services, optionsName);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
