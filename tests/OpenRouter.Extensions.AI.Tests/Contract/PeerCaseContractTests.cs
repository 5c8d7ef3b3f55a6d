using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI.Tests.Chat;
using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Contract;

/// <summary>
/// The chat client against the cases of OpenRouter's own Vercel AI SDK provider (<see cref="PeerCases"/>), through the public
/// API over the in-memory <see cref="RecordingHandler"/>, asserted at MEAI level: a canned answer gives what its bytes say
/// (<see cref="WireOracle"/>), a stream gives what its JSON form gives, a prompt is sent as the peer sends it, an error body
/// names the provider's reason, and where the peer asserts something a user of this library sees, that too. What is not
/// taken over is listed, with the reason, in <see cref="PeerScope"/>.
/// </summary>
public sealed class PeerCaseContractTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "Hello")];

    public static TheoryData<string> StreamCases => PeerCases.Run("sse");

    public static TheoryData<string> JsonCases => PeerCases.Run("json");

    public static TheoryData<string> MessageCases => PeerCases.Run("messages");

    public static TheoryData<string> RequestCases => PeerCases.Run("request");

    public static TheoryData<string> ErrorCases => PeerCases.Run("error");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Manifest_EveryPeerCase_IsRunOrListedWithItsReason()
    {
        IReadOnlyDictionary<string, JsonObject> cases = PeerCases.Cases;

        Assert.All(cases.Values, c => Assert.Contains((string?)c["kind"], new[] { "sse", "json", "messages", "request", "error" }));
        Assert.All(PeerScope.NotRun.Keys.Concat(PeerScope.PeerAssertionNotTaken.Keys), id => Assert.True(cases.ContainsKey(id), $"{id} is not a peer case."));
        Assert.All(PeerScope.IgnoredMembers.Keys.Where(k => k != "*"), id => Assert.True(cases.ContainsKey(id), $"{id} is not a peer case."));
        Assert.Empty(PeerScope.NotRun.Keys.Intersect(PeerScope.PeerAssertionNotTaken.Keys));
        Assert.Equal(cases.Count, new[] { StreamCases, JsonCases, MessageCases, RequestCases, ErrorCases }.Sum(d => d.Count) + PeerScope.NotRun.Count);
    }

    // ---- responses ---------------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(StreamCases))]
    public async Task GetStreamingResponseAsync_PeerStream_GivesWhatItsBytesSayAndWhatItsJsonFormGives(string id)
    {
        JsonObject @case = PeerCases.Get(id);
        string sse = PeerCases.Sse(@case);
        Outcome streamed = await RunAsync(sse, streaming: true);

        List<JsonObject> chunks;
        try
        {
            chunks = WireOracle.Chunks(sse);
        }
        catch (JsonException)
        {
            // sse.unparsable: a chunk that is not JSON ends the stream with an OpenRouterException, after what came before.
            Assert.IsAssignableFrom<JsonException>(Assert.IsType<OpenRouterException>(streamed.Error).InnerException);
            return;
        }

        JsonObject folded = WireOracle.Fold(chunks);
        if (folded["error"] is JsonObject error)
        {
            // sse.error_part: the error chunk is an OpenRouterException that carries its message.
            Assert.Contains((string)error["message"]!, Assert.IsType<OpenRouterException>(streamed.Error).Message, StringComparison.Ordinal);
            return;
        }

        Assert.Null(streamed.Error);
        Outcome direct = await RunAsync(folded.ToJsonString(), streaming: false);
        JsonObject expected = WireOracle.Expect(folded);
        JsonObject seenStreamed = SeenByUser.Of(streamed.Response!);
        JsonObject seenDirect = SeenByUser.Of(direct.Response!);
        NormalizeGeneratedIds(expected, seenStreamed, seenDirect);

        Assert.Equal(SeenByUser.Show(expected), SeenByUser.Show(seenStreamed));
        Assert.Equal(SeenByUser.Show(seenDirect), SeenByUser.Show(seenStreamed));
        await AssertWhatThePeerAssertsAsync(id, @case, streamed.Response!);
    }

    [Theory]
    [MemberData(nameof(JsonCases))]
    public async Task GetResponseAsync_PeerBody_GivesWhatItsBytesSay(string id)
    {
        JsonObject @case = PeerCases.Get(id);
        JsonObject body = @case["body"]!.AsObject();
        Outcome outcome = await RunAsync(body.ToJsonString(), streaming: false);

        if (body["error"] is not null)
        {
            // json.http200_error, json.large_pdf_error: a 200 whose body is an error is an OpenRouterException with its message.
            Assert.Contains((string)@case["expected_message"]!, Assert.IsType<OpenRouterException>(outcome.Error).Message, StringComparison.Ordinal);
            return;
        }

        Assert.Null(outcome.Error);
        JsonObject expected = WireOracle.Expect(body);
        JsonObject seen = SeenByUser.Of(outcome.Response!);
        NormalizeGeneratedIds(expected, seen);
        Assert.Equal(SeenByUser.Show(expected), SeenByUser.Show(seen));
        await AssertWhatThePeerAssertsAsync(id, @case, outcome.Response!);
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task GetResponseAsync_PeerErrorBody_NamesTheProvidersReason(string id)
    {
        // schemas-error-response: the peer's extractErrorMessage gives "[Provider] reason"; ours names both too.
        JsonObject @case = PeerCases.Get(id);
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        handler.Respond(HttpStatusCode.BadRequest, @case["body"]!.ToJsonString());

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => client.GetResponseAsync(Hello, cancellationToken: Ct));

        string expected = (string)@case["expected_message"]!;
        string? provider = (string?)@case["body"]!["error"]!["metadata"]?["provider_name"];
        string reason = provider is null ? expected : expected[(provider.Length + 3)..];
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        if (provider is not null)
        {
            Assert.Contains($"[provider: {provider}]", ex.Message, StringComparison.Ordinal);
        }
    }

    // ---- requests ----------------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(MessageCases))]
    public async Task GetResponseAsync_PeerPrompt_IsSentAsThePeerSendsIt(string id)
    {
        JsonObject @case = PeerCases.Get(id);
        if (@case["expected_arguments"] is { } expectedArguments)
        {
            await AssertArgumentsAsync(@case, expectedArguments);
            return;
        }

        List<ChatMessage> messages = PeerPrompt.ToMessages(@case["input"]!);
        if (@case["expected_throw"] is not null)
        {
            // msg.audio_url_throws, msg.audio_unsupported_throws: refused before anything is sent.
            (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
            await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(messages, cancellationToken: Ct));
            Assert.Empty(handler.Requests);
            return;
        }

        JsonArray sent = (await CaptureAsync(messages))["messages"]!.AsArray();
        Assert.All(sent, m => Assert.False(m!.AsObject().ContainsKey("reasoning"), "`reasoning` is not sent (PeerScope.IgnoredMembers)."));
        JsonArray normalizedSent = Normalize(sent, id);

        switch (@case["expected"])
        {
            case JsonArray { Count: > 0 } expected when expected[0]!["role"] is not null:
                PeerCases.AssertMatches(Normalize(expected, id), normalizedSent, id + " messages");
                break;
            case JsonArray parts:
                // The content of the tool message as sent (msg.tool_result_*).
                PeerCases.AssertMatches(parts, FirstWithRole(sent, "tool")["content"], id + " tool content");
                break;
            case JsonObject one:
                JsonObject expectedMessage = Normalize([one.DeepClone()], id)[0]!.DeepClone().AsObject();
                JsonObject actual = FirstWithRole(normalizedSent, (string?)one["role"] ?? "assistant");
                PeerCases.AssertMatches(PeerCases.MatchObject(expectedMessage), actual, id + " message");
                Assert.Equal(expectedMessage.ContainsKey("reasoning_details"), actual.ContainsKey("reasoning_details"));
                break;
        }

        if (@case["expected_content"] is { } content)
        {
            PeerCases.AssertMatches(content, FirstWithRole(sent, "tool")["content"], id + " tool content");
        }

        foreach ((string member, int index) in new[] { ("expected_0", 0), ("expected_2", 2) })
        {
            if (@case[member] is JsonObject partial)
            {
                PeerCases.AssertMatches(PeerCases.MatchObject(Normalize([partial.DeepClone()], id)[0]!), normalizedSent[index], $"{id} message {index}");
            }
        }

        if (@case["assistant_asserts"] is JsonObject asserts)
        {
            AssertSignatureRoundTrip(asserts, FirstWithRole(normalizedSent, "assistant"));
        }
    }

    [Theory]
    [MemberData(nameof(RequestCases))]
    public async Task GetResponseAsync_PeerSettings_AreSentAsThePeerSendsThem(string id)
    {
        JsonObject @case = PeerCases.Get(id);
        (List<ChatMessage> messages, ChatOptions options, Action<OpenRouterClientOptions> configure, bool stream) = PeerRequest(@case);
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create(options.ModelId ?? "anthropic/claude-3.5-sonnet", configure);
        using (client)
        {
            if (stream)
            {
                handler.RespondSse(ChatTestKit.Fixture("text.sse"));
                await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync(messages, options, Ct))
                {
                }
            }
            else
            {
                handler.RespondJson(ChatTestKit.Fixture("text.json"));
                await client.GetResponseAsync(messages, options, Ct);
            }
        }

        RecordedRequestLike sent = new(handler.Requests.Single().Body!, handler.Requests.Single().Headers);
        if (Without(@case["expected"], id) is JsonObject expected)
        {
            foreach ((string key, JsonNode? value) in expected)
            {
                JsonNode? actual = key == "messages" ? Normalize(sent.Body["messages"]!.AsArray(), id) : sent.Body[key];
                PeerCases.AssertMatches(key == "messages" ? Normalize(value!.AsArray(), id) : WithoutStrict(key, value), actual, $"{id} {key}");
            }
        }

        foreach ((string member, string key) in new[]
        {
            ("expected_response_format", "response_format"), ("expected_usage", "usage"), ("expected_stream_options", "stream_options"),
            ("expected_tool_choice", "tool_choice"), ("expected_plugins", "plugins"), ("expected_web_search_options", "web_search_options"),
        })
        {
            if (@case[member] is { } value)
            {
                PeerCases.AssertMatches(WithoutStrict(key, value), sent.Body[key], $"{id} {key}");
            }
        }

        if (@case["expected_tools"] is { } tools)
        {
            PeerCases.AssertMatches(WebSearchArgumentsUnderParameters(tools), sent.Body["tools"], id + " tools");
        }

        foreach (JsonNode? header in @case["header_asserts"] as JsonArray ?? [])
        {
            string name = (string)header!["header"]!;
            Assert.Equal((string?)header["value"], sent.Headers.TryGetValue(name, out string? value) ? value : null);
        }

        if (@case["expected_file_part"] is { } filePart)
        {
            JsonArray content = sent.Body["messages"]![0]!["content"]!.AsArray();
            PeerCases.AssertMatches(new JsonObject { ["$arrayContaining"] = new JsonArray(PeerCases.MatchObject(filePart), @case["expected_text_part"]!.DeepClone()) }, content, id + " parts");
            PeerCases.AssertMatches(new JsonObject { ["$arrayContaining"] = new JsonArray(@case["expected_plugin"]!.DeepClone()) }, sent.Body["plugins"], id + " plugins");
        }

        switch (id)
        {
            case "req.no_debug":
                Assert.Null(sent.Body["debug"]);
                break;
            case "req.eager_absent":
                Assert.DoesNotContain("eager_input_streaming", sent.Body.ToJsonString(), StringComparison.Ordinal);
                break;
            case "req.extra_body":
                foreach ((string key, JsonNode? value) in @case["provider"]!["extraBody"]!.AsObject())
                {
                    PeerCases.AssertMatches(value, sent.Body[key], $"{id} {key}");
                }

                break;
        }
    }

    // ---- what the peer asserts about the answer -----------------------------------------------------------------

    private static readonly Dictionary<string, string?> PeerFinishReasons = new(StringComparer.Ordinal)
    {
        ["json.finish_stop"] = "stop",
        ["json.finish_unknown"] = "eos",
        ["json.finish_encrypted_stop_tools"] = "tool_calls",
        ["json.finish_unknown_tools"] = "tool_calls",
        ["json.finish_null_tools"] = "tool_calls",
        ["json.finish_null_no_tools"] = null,
        ["json.finish_stop_tools"] = "stop",
        ["sse.finish_encrypted_stop_tools"] = "tool_calls",
        ["sse.finish_missing_tools"] = "tool_calls",
        ["sse.finish_null_no_tools"] = null,
        ["sse.finish_stop_tools"] = "stop",
        ["sse.tool_other_flush"] = "tool_calls",
    };

    private static async Task AssertWhatThePeerAssertsAsync(string id, JsonObject @case, ChatResponse response)
    {
        List<AIContent> contents = [.. response.Messages.SelectMany(m => m.Contents)];
        if (PeerFinishReasons.TryGetValue(id, out string? finish))
        {
            Assert.Equal(finish, response.FinishReason?.Value);
        }

        if (id.Contains("tool_id", StringComparison.Ordinal))
        {
            // *.duplicate_tool_ids, *.empty_tool_ids, *.unique_tool_id: unique, never blank; a valid unique id is kept.
            string[] ids = [.. contents.OfType<FunctionCallContent>().Select(c => c.CallId)];
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ids, callId => Assert.False(string.IsNullOrWhiteSpace(callId)));
            if (id.Contains("unique", StringComparison.Ordinal))
            {
                Assert.StartsWith("call_", Assert.Single(ids), StringComparison.Ordinal);
            }
        }

        if (id is "json.images" or "sse.images")
        {
            // The peer's image cannot be decoded (PeerScope): the answer stands, the image is an ErrorContent carrying what was sent.
            ErrorContent error = Assert.Single(contents.OfType<ErrorContent>());
            Assert.Equal("invalid_image", error.ErrorCode);
            Assert.NotNull(error.RawRepresentation);
            Assert.Empty(contents.OfType<DataContent>());
        }

        if (@case["expected_source"] is JsonObject source)
        {
            CitationAnnotation citation = Assert.Single(contents.SelectMany(c => c.Annotations ?? []).OfType<CitationAnnotation>());
            Assert.Equal((string)source["url"]!, citation.Url!.OriginalString);
            Assert.Equal((string?)source["title"] ?? string.Empty, citation.Title ?? string.Empty);
            if (source["providerMetadata"]?["openrouter"] is JsonObject extra)
            {
                Assert.Equal((string)extra["content"]!, citation.Snippet ?? string.Empty);
                var span = citation.AnnotatedRegions?.OfType<TextSpanAnnotatedRegion>().SingleOrDefault();
                Assert.Equal(((int)extra["startIndex"]!, (int)extra["endIndex"]!), (span?.StartIndex ?? 0, span?.EndIndex ?? 0));
            }
        }

        if (@case["expected_annotations"] is JsonArray annotations)
        {
            AIAnnotation[] seen = [.. contents.SelectMany(c => c.Annotations ?? []).Where(a => a is not CitationAnnotation)];
            Assert.Equal(annotations.Count, seen.Length);
            for (int i = 0; i < seen.Length; i++)
            {
                Assert.Equal((string?)annotations[i]!["type"], seen[i].AdditionalProperties!["type"]);
                Assert.True(JsonNode.DeepEquals(annotations[i]!["file"], JsonSerializer.SerializeToNode(seen[i].AdditionalProperties!["file"], AIJsonUtilities.DefaultOptions)));
            }
        }

        if (id is "sse.late_signature" or "sse.multiple_late" or "sse.sandwich" or "sse.split_meta" or "sse.tool_signature" or "sse.signature_text_only")
        {
            // The signature, wherever it came in the stream, goes back on the one reasoning.text item it signs (peer #394, #423).
            string signature = PeerCases.Sse(@case).Split("\"signature\":\"")[1].Split('"')[0];
            JsonObject body = await CaptureAsync([.. Hello, .. response.Messages, new(ChatRole.User, "And then?")]);
            JsonArray sent = FirstWithRole(body["messages"]!.AsArray(), "assistant")["reasoning_details"]!.AsArray();
            JsonObject text = Assert.Single(sent.Select(d => d!.AsObject()), d => (string?)d["type"] == "reasoning.text");
            Assert.Equal(signature, (string?)text["signature"]);
            Assert.Equal(WireOracle.Expect(WireOracle.Fold(WireOracle.Chunks(PeerCases.Sse(@case))))["reasoning_details"]!.AsArray()
                .Select(d => (string?)d!["text"]).First(t => t is not null), (string?)text["text"]);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>
    /// The tool calls whose id the provider left blank or repeated get an id of the client's (<c>ToolCallIds</c>): checked to
    /// be non-blank and unique in every view, then shown as <c>(generated)</c> so the views compare.
    /// </summary>
    private static void NormalizeGeneratedIds(JsonObject expected, params JsonObject[] seen)
    {
        JsonArray calls = expected["tool_calls"]!.AsArray();
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonObject view in seen)
        {
            string?[] ids = [.. view["tool_calls"]!.AsArray().Select(c => (string?)c!["id"])];
            Assert.All(ids, callId => Assert.False(string.IsNullOrWhiteSpace(callId)));
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        }

        for (int i = 0; i < calls.Count; i++)
        {
            string? id = (string?)calls[i]!["id"];
            if (string.IsNullOrWhiteSpace(id) || !earlier.Add(id))
            {
                calls[i]!["id"] = "(generated)";
                foreach (JsonObject view in seen)
                {
                    view["tool_calls"]![i]!["id"] = "(generated)";
                }
            }
        }
    }

    /// <summary>Messages with the members of <see cref="PeerScope.IgnoredMembers"/> removed and one-text-part content as a string (the same on the wire).</summary>
    private static JsonArray Normalize(JsonArray messages, string id)
    {
        var normalized = new JsonArray();
        foreach (JsonNode? message in messages)
        {
            JsonObject copy = Without(message, id)!.AsObject();
            if (copy["content"] is JsonArray { Count: 1 } parts && parts[0] is JsonObject { Count: 2 } part && (string?)part["type"] == "text")
            {
                copy["content"] = (string?)part["text"];
            }

            if (copy["content"] is JsonValue text && text.GetValueKind() == JsonValueKind.String && ((string)text!).Length == 0)
            {
                copy["content"] = null; // an assistant message without text: "" and null say the same
            }

            foreach (JsonNode? call in copy["tool_calls"] as JsonArray ?? [])
            {
                // Arguments compare as JSON values, in one key order (PeerScope: key order is not adopted).
                if (call?["function"]?["arguments"] is JsonValue arguments && arguments.GetValueKind() == JsonValueKind.String)
                {
                    call["function"]!["arguments"] = SeenByUser.Canonical(JsonNode.Parse((string)arguments!))!.ToJsonString();
                }
            }

            normalized.Add(copy);
        }

        return normalized;
    }

    private static JsonNode? Without(JsonNode? node, string id)
    {
        JsonNode? copy = node?.DeepClone();
        if (copy is JsonObject members)
        {
            foreach (string key in new[] { "*", id }.SelectMany(k => PeerScope.IgnoredMembers.TryGetValue(k, out var ignored) ? ignored.Members : []))
            {
                members.Remove(key);
            }
        }

        return copy;
    }

    /// <summary>A <c>response_format</c> without the peer's <c>strict: true</c> (opt-in here: PeerScope).</summary>
    private static JsonNode? WithoutStrict(string key, JsonNode? value)
    {
        JsonNode? copy = value?.DeepClone();
        if (key == "response_format" && copy?["json_schema"] is JsonObject schema)
        {
            schema.Remove("strict");
        }

        return copy;
    }

    private static JsonObject FirstWithRole(JsonArray messages, string role) =>
        messages.Select(m => m!.AsObject()).First(m => (string?)m["role"] == role);

    /// <summary>chat-signature-roundtrip: the peer's assertions on the assistant message sent back.</summary>
    private static void AssertSignatureRoundTrip(JsonObject asserts, JsonObject assistant)
    {
        JsonArray details = assistant["reasoning_details"] as JsonArray ?? [];
        if (asserts["details_length"] is { } length)
        {
            Assert.Equal((int)length, details.Count);
        }

        if (asserts["details_min_length"] is { } minimum)
        {
            Assert.True(details.Count >= (int)minimum, assistant.ToJsonString());
        }

        foreach (JsonNode? match in asserts["details_match"] as JsonArray ?? [])
        {
            PeerCases.AssertMatches(PeerCases.MatchObject(match!["object"]!), details[(int)match["index"]!], "reasoning_details item");
        }
    }

    /// <summary>msg.args_*: the arguments of a tool call go back as the same JSON value (key order: PeerScope).</summary>
    private static async Task AssertArgumentsAsync(JsonObject @case, JsonNode expectedArguments)
    {
        JsonNode[] inputs = @case["inputs_in_key_order"] is JsonArray orders ? [.. orders.Select(o => o!)] : [@case["input_arguments"]!];
        foreach (JsonNode input in inputs)
        {
            ChatMessage[] messages = [new(ChatRole.User, "Hi"), new(ChatRole.Assistant, [new FunctionCallContent("call-1", "tool", PeerPrompt.Arguments(input))])];
            JsonObject body = await CaptureAsync(messages);
            string sent = (string)body["messages"]![1]!["tool_calls"]![0]!["function"]!["arguments"]!;
            Assert.True(JsonNode.DeepEquals(SeenByUser.Canonical(JsonNode.Parse((string)expectedArguments!)), SeenByUser.Canonical(JsonNode.Parse(sent))), sent);
        }
    }

    /// <summary>The peer's web search tool arguments are flat; OpenRouter's docs (and this library) nest them under <c>parameters</c> (PeerScope).</summary>
    private static JsonNode WebSearchArgumentsUnderParameters(JsonNode tools)
    {
        JsonNode copy = tools.DeepClone();
        foreach (JsonNode? entry in (copy as JsonObject)?["$arrayContaining"] as JsonArray ?? [])
        {
            if (entry?["$objectContaining"] is JsonObject tool && (string?)tool["type"] == "openrouter:web_search" && tool.Count > 1)
            {
                var parameters = new JsonObject();
                foreach (string key in tool.Select(p => p.Key).Where(k => k != "type").ToList())
                {
                    parameters[key] = tool[key]!.DeepClone();
                    tool.Remove(key);
                }

                tool["parameters"] = new JsonObject { ["$objectContaining"] = parameters };
            }
        }

        return copy;
    }

    /// <summary>A request case as what a .NET user would write: messages, options, client options, and whether it streams.</summary>
    private static (List<ChatMessage> Messages, ChatOptions Options, Action<OpenRouterClientOptions> Configure, bool Stream) PeerRequest(JsonObject @case)
    {
        JsonObject call = @case["call"] as JsonObject ?? [];
        JsonNode? prompt = call["prompt"] ?? @case["prompt"];
        List<ChatMessage> messages = prompt is null ? [.. Hello] : PeerPrompt.ToMessages(prompt);
        var options = new ChatOptions { ModelId = (string?)@case["expected"]?["model"] ?? (string?)@case["model"] };
        JsonObject settings = @case["settings"] as JsonObject ?? [];
        foreach ((string key, JsonNode? value) in settings)
        {
            switch (key)
            {
                case "models":
                    options = options.WithModelFallbacks([.. value!.AsArray().Select(m => (string)m!)]);
                    break;
                case "logitBias":
                    options = options.WithLogitBias(value!.AsObject().ToDictionary(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), p => (double)p.Value!));
                    break;
                case "logprobs":
                    options = options.WithLogprobs((int)value!);
                    break;
                case "parallelToolCalls":
                    options.AllowMultipleToolCalls = (bool)value!;
                    break;
                case "user":
                    options = options.WithUser((string)value!);
                    break;
                default:
                    // plugins, cache_control, debug, usage, web_search_options: OpenRouter fields under their wire names.
                    (options.AdditionalProperties ??= [])[key] = JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions);
                    break;
            }
        }

        foreach (JsonObject source in new[] { call["providerOptions"]?["openrouter"], @case["provider_options"]?["openrouter"], @case["provider"]?["extraBody"] }.OfType<JsonObject>())
        {
            foreach ((string key, JsonNode? value) in source)
            {
                (options.AdditionalProperties ??= [])[key] = JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions);
            }
        }

        var tools = new List<AITool>();
        foreach (JsonNode? tool in call["tools"] as JsonArray ?? [])
        {
            tools.Add(AIFunctionFactory.CreateDeclaration((string)tool!["name"]!, (string?)tool["description"], JsonSerializer.SerializeToElement(tool["inputSchema"], AIJsonUtilities.DefaultOptions)));
        }

        foreach (JsonNode? tool in @case["function_tools"] as JsonArray ?? [])
        {
            tools.Add(AIFunctionFactory.CreateDeclaration((string)tool!["name"]!, (string?)tool["description"], JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() }, AIJsonUtilities.DefaultOptions)));
        }

        foreach (JsonNode? arguments in @case["web_search_args"] as JsonArray ?? [])
        {
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach ((string key, JsonNode? value) in arguments!.AsObject())
            {
                parameters[key switch { "maxResults" => "max_results", "searchPrompt" => "search_prompt", _ => key }] = JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions);
            }

            tools.Add(new HostedWebSearchTool(parameters));
        }

        if (tools.Count > 0)
        {
            options.Tools = tools;
        }

        if (call["toolChoice"] is JsonObject choice)
        {
            options.ToolMode = (string?)choice["type"] switch
            {
                "tool" => ChatToolMode.RequireSpecific((string)choice["toolName"]!),
                "required" => ChatToolMode.RequireAny,
                "none" => ChatToolMode.None,
                _ => ChatToolMode.Auto,
            };
        }

        if (call["responseFormat"] is JsonObject format)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(format["schema"], AIJsonUtilities.DefaultOptions), (string?)format["name"], (string?)format["description"]);
        }

        JsonObject provider = @case["provider"] as JsonObject ?? [];
        void Configure(OpenRouterClientOptions client)
        {
            client.AppTitle = (string?)provider["appName"];
            client.AppUrl = (string?)provider["appUrl"];
        }

        bool stream = (bool?)@case["expected"]?["stream"] ?? @case["expected_stream_options"] is not null;
        return (messages, options, Configure, stream);
    }

    private static async Task<JsonObject> CaptureAsync(IEnumerable<ChatMessage> messages) =>
        JsonNode.Parse(await ChatTestKit.CaptureRequestAsync(messages))!.AsObject();

    private static async Task<Outcome> RunAsync(string body, bool streaming)
    {
        (OpenRouterChatClient client, RecordingHandler handler) = ChatTestKit.Create();
        var updates = new List<ChatResponseUpdate>();
        using (client)
        {
            try
            {
                if (!streaming)
                {
                    handler.RespondJson(body);
                    return new Outcome(await client.GetResponseAsync(Hello, cancellationToken: Ct), null);
                }

                handler.RespondSse(body);
                await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Hello, cancellationToken: Ct))
                {
                    updates.Add(update);
                }

                return new Outcome(updates.ToChatResponse(), null);
            }
            catch (OpenRouterException ex)
            {
                return new Outcome(streaming ? updates.ToChatResponse() : null, ex);
            }
        }
    }

    private sealed record Outcome(ChatResponse? Response, OpenRouterException? Error);

    /// <summary>A sent request: its body as JSON and its headers, by lower-case name.</summary>
    private sealed class RecordedRequestLike(string body, IReadOnlyDictionary<string, string> headers)
    {
        public JsonObject Body { get; } = JsonNode.Parse(body)!.AsObject();

        public IReadOnlyDictionary<string, string> Headers { get; } = headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal);
    }
}
