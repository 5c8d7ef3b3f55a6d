namespace OpenRouter.Extensions.AI;

/// <summary>
/// The names of the telemetry the library emits without <c>EnableSensitiveData</c>: a <see cref="System.Diagnostics.Metrics.Meter"/>
/// with the cost of every OpenRouter response, and the cost as a tag of <see cref="System.Diagnostics.Activity.Current"/>.
/// Subscribe with <c>AddMeter(OpenRouterTelemetry.MeterName)</c> in OpenTelemetry's <c>MeterProviderBuilder</c>.
/// </summary>
/// <remarks>
/// <para>
/// Names follow OpenTelemetry's naming rules: lowercase, dot-separated, under the <c>openrouter.</c> namespace (the <c>gen_ai.</c>
/// namespace is reserved for the semantic conventions, which define no cost), without the unit in the name; the unit is the UCUM
/// annotation <see cref="CostUnit"/> because UCUM has no currency units. The instrument is a histogram, like the conventions'
/// <c>gen_ai.client.token.usage</c>, so it exports both the distribution and the sum (the spend) and the count (responses).
/// </para>
/// <para>
/// Measurements carry only these tags: <c>gen_ai.operation.name</c> (<c>chat</c>), <c>gen_ai.provider.name</c> (<c>openrouter</c>),
/// <c>gen_ai.request.model</c>, <c>gen_ai.response.model</c> and <see cref="UpstreamProviderAttributeName"/>; never prompt or answer text.
/// </para>
/// </remarks>
public static class OpenRouterTelemetry
{
    /// <summary>The name of the library's meter, <c>OpenRouter.Extensions.AI</c>.</summary>
    public const string MeterName = "OpenRouter.Extensions.AI";

    /// <summary>
    /// The histogram of the cost of each OpenRouter response, <c>openrouter.client.cost</c>, in US dollars: recorded once per response
    /// (JSON or streamed) that reports a cost, by every chat client the library builds, whether constructed directly or through
    /// dependency injection; each round of a tool loop is one measurement.
    /// </summary>
    public const string CostInstrumentName = "openrouter.client.cost";

    /// <summary>The unit of <see cref="CostInstrumentName"/>, <c>{USD}</c> (US dollars as a UCUM annotation).</summary>
    public const string CostUnit = "{USD}";

    /// <summary>
    /// The tag set on <see cref="System.Diagnostics.Activity.Current"/> (when there is one) with the cost in US dollars, a
    /// <see cref="double"/>: <c>openrouter.usage.cost</c>, named like the conventions' <c>gen_ai.usage.*</c> attributes. Under
    /// <c>UseOpenTelemetry()</c> the current activity is the call's own <c>chat</c> span; when several responses complete under
    /// one activity, the tag holds their sum.
    /// </summary>
    public const string CostAttributeName = "openrouter.usage.cost";

    /// <summary>The tag with the upstream provider that served the response (OpenRouter's <c>provider</c>, e.g. <c>OpenAI</c>): <c>openrouter.provider.name</c>.</summary>
    public const string UpstreamProviderAttributeName = "openrouter.provider.name";
}
