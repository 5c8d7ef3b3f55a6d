using Microsoft.Extensions.AI;

namespace OpenRouter.Extensions.AI;

/// <summary>Hands the cost of each chat response to <see cref="CostMeter"/>, once per response, in JSON and streaming modes.</summary>
internal sealed class ChatCostTelemetry
{
    private const string OperationName = "chat";

    private readonly string _requestModel;
    private readonly SecretRedactor _redactor;
    private string? _provider;
    private bool _recorded;

    private ChatCostTelemetry(string requestModel, SecretRedactor redactor)
    {
        _requestModel = requestModel;
        _redactor = redactor;
    }

    /// <summary>Records the cost of a whole (non-streamed) response.</summary>
    public static void Record(ChatResponse response, string requestModel, SecretRedactor redactor)
    {
        if (response.GetOpenRouterCost() is { } cost)
        {
            CostMeter.Record(cost, OperationName, requestModel, response.ModelId, Provider(response.AdditionalProperties), redactor);
        }
    }

    /// <summary>Starts watching the updates of one stream.</summary>
    public static ChatCostTelemetry ForStream(string requestModel, SecretRedactor redactor) => new(requestModel, redactor);

    /// <summary>Notes the provider as it goes by and records the cost from the update that carries it (once).</summary>
    public void Observe(ChatResponseUpdate update)
    {
        _provider = Provider(update.AdditionalProperties) ?? _provider;
        if (!_recorded && update.GetOpenRouterCost() is { } cost)
        {
            _recorded = true;
            CostMeter.Record(cost, OperationName, _requestModel, update.ModelId, _provider, _redactor);
        }
    }

    private static string? Provider(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(OpenRouterResponseProperties.Provider, out object? value) ? value as string : null;
}
