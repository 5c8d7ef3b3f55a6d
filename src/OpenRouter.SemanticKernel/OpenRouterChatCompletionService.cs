using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace OpenRouter.SemanticKernel;

/// <summary>
/// The <see cref="IChatCompletionService"/> registered by <c>AddOpenRouterChatCompletion</c>: Semantic Kernel's adapter over the OpenRouter
/// <c>IChatClient</c> pipeline, with every <see cref="PromptExecutionSettings"/> first turned into <see cref="OpenRouterPromptExecutionSettings"/>
/// so that OpenRouter fields given in <see cref="PromptExecutionSettings.ExtensionData"/> reach the request exactly.
/// </summary>
internal sealed class OpenRouterChatCompletionService(IChatCompletionService inner) : IChatCompletionService
{
    public IReadOnlyDictionary<string, object?> Attributes => inner.Attributes;

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        inner.GetChatMessageContentsAsync(chatHistory, Normalize(executionSettings), kernel, cancellationToken);

    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        inner.GetStreamingChatMessageContentsAsync(chatHistory, Normalize(executionSettings), kernel, cancellationToken);

    private static OpenRouterPromptExecutionSettings? Normalize(PromptExecutionSettings? settings) =>
        settings is null ? null : OpenRouterPromptExecutionSettings.FromExecutionSettings(settings);
}
