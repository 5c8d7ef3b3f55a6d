namespace OpenRouter.Extensions.AI;

/// <summary>
/// What <see cref="OpenRouterChatClient"/> does, before sending, with request features the model does not support according to the
/// <see cref="OpenRouterModelCatalog"/> (<c>supported_parameters</c> and <c>architecture.input_modalities</c>).
/// </summary>
/// <remarks>
/// Checked: tools (<c>tools</c>), a required or disabled tool mode (<c>tool_choice</c>), <c>AllowMultipleToolCalls</c> (<c>parallel_tool_calls</c>),
/// a JSON schema response format (<c>structured_outputs</c>), a JSON response format (<c>response_format</c> or <c>structured_outputs</c>),
/// reasoning options (<c>reasoning</c>), <c>include_reasoning</c>, <c>seed</c>, stop sequences (<c>stop</c>), <c>logprobs</c>/<c>top_logprobs</c>,
/// and image, audio, video and file content in the messages (<c>input_modalities</c>). Sampling parameters are not checked.
/// The model checked is <c>ChatOptions.ModelId</c>, else the default model. A model missing from the catalog is not checked, and when the
/// catalog cannot be loaded the request is sent unchecked (a warning is logged). Fields set through an <see cref="OpenRouterChatRequest"/>
/// returned by <c>ChatOptions.RawRepresentationFactory</c> are not checked. With a catalog, the chat client's default mode is <see cref="Strict"/>.
/// </remarks>
public enum OpenRouterCapabilityCheck
{
    /// <summary>No check: the request is sent as given. The default when the chat client has no catalog.</summary>
    Off = 0,

    /// <summary>Throw a <see cref="NotSupportedException"/> naming the model and the unsupported features, before any HTTP call.</summary>
    Strict = 1,

    /// <summary>
    /// Remove the unsupported parameters from a clone of the <c>ChatOptions</c> (the caller's instance is never changed) and log what was dropped.
    /// Message content is never removed: unsupported image, audio, video or file input is logged as a warning and sent as given.
    /// </summary>
    Drop = 2,
}
