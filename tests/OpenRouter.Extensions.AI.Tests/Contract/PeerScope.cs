namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// The one place that says which of the peer's cases (<see cref="PeerCases"/>) and which of its assertions this project does
/// not take over, and why. Every other case runs in <see cref="PeerCaseContractTests"/>: every <c>sse</c> and <c>json</c> case
/// through the response contract (what its bytes say, and a stream equal to its JSON form), plus the peer's own assertion
/// where it is about what a user gets; every <c>messages</c>, <c>request</c> and <c>error</c> case against what the peer expects.
/// </summary>
internal static class PeerScope
{
    private const string CacheControl =
        "Per-part and per-message cache_control (Anthropic prompt caching breakpoints) is not a feature of this library: the " +
        "top-level cache_control field goes through ChatOptions.AdditionalProperties. Outside issue 23.";

    private const string VercelHeaders =
        "Headers set per call or per provider instance are Vercel AI SDK plumbing; in .NET they belong to the HttpClient " +
        "(DefaultRequestHeaders) or a DelegatingHandler the caller owns.";

    private const string EagerInputStreaming =
        "eager_input_streaming is a per-tool provider option of the Vercel SDK; MEAI's AIFunctionDeclaration has no per-tool " +
        "OpenRouter options here (outside issue 23). req.eager_absent still runs: nothing of it is ever sent.";

    /// <summary>Cases not run at all, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotRun = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["msg.cache_system"] = CacheControl,
        ["msg.cache_user_single"] = CacheControl,
        ["msg.cache_user_part"] = CacheControl,
        ["msg.cache_user_multi"] = CacheControl,
        ["msg.file_text_plain"] = CacheControl,
        ["msg.cache_last_text"] = CacheControl,
        ["msg.cache_assistant"] = CacheControl,
        ["msg.cache_tool"] = CacheControl,
        ["req.cache_control_camel"] = "Normalizing the Vercel option name cacheControl to cache_control is SDK plumbing; the field itself is req.cache_control_provider_options.",
        ["req.headers"] = VercelHeaders,
        ["req.app_override"] = VercelHeaders,
        ["req.eager_tool"] = EagerInputStreaming,
        ["req.eager_mixed"] = EagerInputStreaming,
        ["req.websearch_tool_choice"] =
            "Not adopted: tool_choice is sent only when ChatOptions.ToolMode asks for one (OpenRouter's default is auto already).",
    };

    /// <summary>
    /// Cases that run through the contract, whose own peer assertion is not taken over, with the reason: Vercel-framework
    /// plumbing (stream part ids, the tool-input-start/delta/end lifecycle, reasoning-start/end parts, warnings arrays, the
    /// shape of providerMetadata and of the Vercel usage object), or a deliberate difference.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PeerAssertionNotTaken = BuildAssertionsNotTaken();

    /// <summary>
    /// Members of the request the peer expects that are left out of the comparison, with the reason; <c>*</c> applies to
    /// every <c>messages</c> and <c>request</c> case.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string[] Members, string Reason)> IgnoredMembers =
        new Dictionary<string, (string[] Members, string Reason)>(StringComparer.Ordinal)
        {
            ["*"] = (["reasoning"],
                "Not adopted: an assistant message sent again carries its reasoning_details, not also the same text as `reasoning` " +
                "(OpenRouter's docs name them as alternatives; the details are what the providers need). That no `reasoning` is " +
                "sent is asserted instead."),
            ["msg.tool_name"] = (["name"], "Not adopted: OpenRouter's API reference (ChatToolMessage) has no `name` on a tool message."),
            ["msg.tool_name_multi"] = (["name"], "Not adopted: OpenRouter's API reference (ChatToolMessage) has no `name` on a tool message."),
            ["req.settings"] = (["parallel_tool_calls"], "Not adopted: parallel_tool_calls is sent only with tools to call (this request has none)."),
        };

    private static Dictionary<string, string> BuildAssertionsNotTaken()
    {
        const string ToolLifecycle = "Vercel plumbing: the tool-input-start/delta/end stream parts and their ids. The calls, ids and arguments run through the contract.";
        var notTaken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in new[]
        {
            "sse.tool_end_before_call", "sse.tool_trailing_whitespace", "sse.tool_flush", "sse.tool_partial_flush", "sse.tool_initial_args",
            "sse.tool_parallel", "sse.tool_single", "sse.tool_empty_first", "sse.tool_many", "sse.tool_multi_flush", "sse.tool_mixed_flush",
            "sse.tool_consistent_ids", "sse.tool_before_finish", "sse.tool_orphan", "sse.tool_minimal", "sse.tool_three", "sse.tool_no_double",
            "sse.tool_after_text", "sse.tool_other_flush", "sse.tool_reasoning_parallel",
        })
        {
            notTaken[id] = ToolLifecycle;
        }

        const string ReasoningParts = "Vercel plumbing: reasoning-start/delta/end parts and the providerMetadata each carries. The reasoning text and the merged reasoning_details run through the contract.";
        foreach (string id in new[] { "sse.reasoning_details_all_chunks", "sse.encrypted_only", "sse.reasoning_order", "sse.dual_fields", "sse.switch_to_reasoning", "sse.same_chunk", "sse.text_first", "sse.legacy_late", "json.reasoning_encrypted" })
        {
            notTaken[id] = ReasoningParts;
        }

        const string UsageShape = "Vercel plumbing: the shape of the Vercel usage object (inputTokens.noCache, cacheRead, raw) and of providerMetadata.openrouter.usage. The counts and the cost run through the contract.";
        foreach (string id in new[]
        {
            "json.usage", "sse.upstream_cost", "sse.both_costs", "sse.usage_absent", "sse.usage_fallback", "sse.usage_zero", "sse.usage_breakdown",
            "json.usage_full", "json.usage_no_details", "json.usage_cached_only", "json.usage_plain", "json.usage_cache_write", "json.usage_none",
            "sse.usage_full", "sse.usage_none", "sse.usage_plain", "sse.usage_cache_write",
        })
        {
            notTaken[id] = UsageShape;
        }

        notTaken["sse.text"] = "Vercel plumbing: response-metadata, text-start/end parts and their ids. The text, finish reason and usage run through the contract.";
        notTaken["sse.split_meta"] = "Vercel plumbing: which metadata the reasoning-end part carries before the signature. The signature reaching the round trip is asserted.";
        const string PreferDetails =
            "Not adopted: the peer shows the text of reasoning_details instead of `reasoning` when both come (and none when an empty " +
            "details array comes). OpenRouter sends the same text in both (every recorded capture), and Anthropic sends an empty " +
            "array on every chunk, so `reasoning` is shown; the details are kept for the round trip.";
        notTaken["json.reasoning_prefer_details"] = PreferDetails;
        notTaken["sse.reasoning_prefer_details"] = PreferDetails;
        notTaken["sse.empty_details_fallback"] = PreferDetails;
        notTaken["msg.args_sorted"] = "Not adopted: arguments go back in their own key order (the model's, which prompt caching already matched), compared as JSON values.";
        notTaken["msg.args_nested"] = notTaken["msg.args_sorted"];
        notTaken["msg.args_arrays"] = notTaken["msg.args_sorted"];
        notTaken["msg.args_primitives"] = notTaken["msg.args_sorted"];
        notTaken["msg.args_deep"] = notTaken["msg.args_sorted"];
        const string WebSearchShape =
            "Adapted: OpenRouter's web search docs (features_server-tools_web-search.mdx) nest the tool's arguments under `parameters`; " +
            "the peer sends them flat. The arguments are asserted under `parameters`.";
        foreach (string id in new[] { "req.websearch_max_results", "req.websearch_search_prompt", "req.websearch_engine", "req.websearch_all_args" })
        {
            notTaken[id] = WebSearchShape;
        }

        notTaken["req.response_format"] =
            "Adapted: strict json_schema is opt-in here (WithStrictJsonSchema, which also makes the schema strict-valid), as in MEAI's " +
            "OpenAI client; the peer always sends strict: true. The response_format is compared without `strict`.";
        notTaken["req.response_format_default_name"] = notTaken["req.response_format"];
        notTaken["req.format_and_tools"] = notTaken["req.response_format"];
        notTaken["req.plugin_response_healing"] = notTaken["req.response_format"];
        notTaken["req.stream_response_format"] = notTaken["req.response_format"];
        notTaken["req.stream_format_and_tools"] = notTaken["req.response_format"];
        const string UndecodableImage =
            "Adapted: the peer's test image (TEST_IMAGE_URL, 201 base64 characters after its padding) cannot be decoded, not even as " +
            "browsers decode data: URLs; the peer forwards the string, this library keeps the rest of the answer and reports the " +
            "image as an ErrorContent (invalid_image) whose RawRepresentation is the image as sent.";
        notTaken["json.images"] = UndecodableImage;
        notTaken["sse.images"] = UndecodableImage;
        return notTaken;
    }
}
