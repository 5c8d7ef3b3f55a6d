using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenRouter.Extensions.AI.Tests.Loopback;
using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Differential;

/// <summary>
/// The same OpenRouter answers through our client and through the alternative users already have
/// (Microsoft.Extensions.AI.OpenAI over the OpenAI SDK with its endpoint set to OpenRouter). These tests pin
/// down the comparison table of docs/compared-with-openai-sdk.md: each asserts what ours keeps and what the other path drops.
/// </summary>
public sealed class OpenAiSdkDifferentialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_ReasoningAndCost_OnlyOursKeepsThem()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        EmulatorCompletion answer = EmulatorResponse.TextWithReasoning("Thinking about Paris.", "Paris.").WithUsage(10, 5, 0.00042m, reasoningTokens: 3);
        emulator.Enqueue(answer);
        emulator.Enqueue(answer);
        using IChatClient ours = LoopbackToolLoopTests.CreateClient(emulator);
        using IChatClient peer = CreatePeer(emulator);

        ChatResponse a = await ours.GetResponseAsync("Capital of France?", cancellationToken: Ct);
        ChatResponse b = await peer.GetResponseAsync("Capital of France?", cancellationToken: Ct);

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(a.Usage!.TotalTokenCount, b.Usage!.TotalTokenCount);
        Assert.Contains(a.Messages[0].Contents, c => c is TextReasoningContent { Text: "Thinking about Paris." });
        Assert.DoesNotContain(b.Messages[0].Contents, c => c is TextReasoningContent);
        Assert.Equal(0.00042m, a.GetOpenRouterCost());
        Assert.False(b.AdditionalProperties?.ContainsKey("cost") ?? false);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_CitationsImagesAndSummaries_WhatEachPathKeeps(bool streaming)
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        EmulatorCompletion answer = EmulatorResponse.Text("Ruby 4.0.6 is current.")
            .WithReasoningSummary("**Checking the Ruby downloads page**")
            .WithCitations(new EmulatorCitation("https://www.ruby-lang.org/en/downloads/", "Download Ruby", "The current stable version is 4.0.6.", 0, 10))
            .WithImages(EmulatorImage.FromBytes([0x89, 0x50, 0x4E, 0x47]));
        emulator.Enqueue(answer);
        emulator.Enqueue(answer);
        using IChatClient ours = LoopbackToolLoopTests.CreateClient(emulator);
        using IChatClient peer = CreatePeer(emulator);

        ChatResponse a = streaming ? await ours.GetStreamingResponseAsync("Ruby?", cancellationToken: Ct).ToChatResponseAsync(Ct) : await ours.GetResponseAsync("Ruby?", cancellationToken: Ct);
        ChatResponse b = streaming ? await peer.GetStreamingResponseAsync("Ruby?", cancellationToken: Ct).ToChatResponseAsync(Ct) : await peer.GetResponseAsync("Ruby?", cancellationToken: Ct);

        Assert.Equal(a.Text, b.Text);
        IList<AIContent> ourContents = a.Messages[0].Contents;
        IList<AIContent> peerContents = b.Messages[0].Contents;
        Assert.Equal("**Checking the Ruby downloads page**", Assert.Single(ourContents.OfType<TextReasoningContent>()).Text);
        Assert.DoesNotContain(peerContents, c => c is TextReasoningContent);
        Assert.Equal("image/png", Assert.Single(ourContents.OfType<DataContent>()).MediaType);
        Assert.DoesNotContain(peerContents, c => c is DataContent);
        CitationAnnotation citation = Assert.IsType<CitationAnnotation>(Assert.Single(ourContents.SelectMany(c => c.Annotations ?? [])));
        Assert.Equal("The current stable version is 4.0.6.", citation.Snippet);
        if (streaming)
        {
            // The peer drops streamed (delta) annotations.
            Assert.Empty(peerContents.SelectMany(c => c.Annotations ?? []));
        }
        else
        {
            // The peer keeps a JSON answer's citation, without OpenRouter's cited text.
            CitationAnnotation peerCitation = Assert.IsType<CitationAnnotation>(Assert.Single(peerContents.SelectMany(c => c.Annotations ?? [])));
            Assert.Equal(citation.Url, peerCitation.Url);
            Assert.Null(peerCitation.Snippet);
        }
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InBandError_OursThrowsWithProviderMessagePeerLosesIt()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("Partial", " answer").WithStreamError());
        emulator.Enqueue(EmulatorResponse.StreamedText("Partial", " answer").WithStreamError());
        using IChatClient ours = LoopbackToolLoopTests.CreateClient(emulator);
        using IChatClient peer = CreatePeer(emulator);

        OpenRouterException ourError = await Assert.ThrowsAsync<OpenRouterException>(() => ours.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct));
        Exception peerError = await Assert.ThrowsAnyAsync<Exception>(() => peer.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct));

        Assert.Contains("Provider disconnected unexpectedly", ourError.Message, StringComparison.Ordinal);
        // The OpenAI SDK trips over finish_reason "error" and loses OpenRouter's error object.
        Assert.IsType<ArgumentOutOfRangeException>(peerError);
        Assert.DoesNotContain("Provider disconnected", peerError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TruncatedStream_OursThrowsPeerDoesNot()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three").EndAfter(3));
        emulator.Enqueue(EmulatorResponse.StreamedText("one", " two", " three").EndAfter(3));
        using IChatClient ours = LoopbackToolLoopTests.CreateClient(emulator);
        using IChatClient peer = CreatePeer(emulator);

        await Assert.ThrowsAsync<OpenRouterException>(() => ours.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct));
        ChatResponse peerResponse = await peer.GetStreamingResponseAsync("x", cancellationToken: Ct).ToChatResponseAsync(Ct);

        Assert.Null(peerResponse.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_RoutingAdditionalProperties_OnlyOursSendsThem()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        using IChatClient ours = LoopbackToolLoopTests.CreateClient(emulator);
        using IChatClient peer = CreatePeer(emulator);
        var options = new ChatOptions()
            .WithProviderRouting(new OpenRouterProviderRouting { Order = ["anthropic"] })
            .WithModelFallbacks("openai/gpt-4o")
            .WithReasoning(new OpenRouterReasoning { MaxTokens = 1000 });

        await ours.GetResponseAsync("x", options, Ct);
        await peer.GetResponseAsync("x", options, Ct);

        JsonNode oursBody = emulator.Requests[0].BodyAsJsonNode()!;
        JsonNode peerBody = emulator.Requests[1].BodyAsJsonNode()!;
        Assert.NotNull(oursBody["provider"]);
        Assert.NotNull(oursBody["models"]);
        Assert.NotNull(oursBody["reasoning"]);
        Assert.Null(peerBody["provider"]);
        Assert.Null(peerBody["models"]);
        Assert.Null(peerBody["reasoning"]);
    }

    [Fact]
    public async Task FunctionInvokingChatClient_ReasoningToolLoop_OnlyOursReplaysReasoningDetails()
    {
        await using OpenRouterEmulator emulator = await TestEmulator.StartAsync(Ct);
        for (int i = 0; i < 2; i++)
        {
            emulator.Enqueue(EmulatorResponse.ToolCall("get_weather", """{"city":"Paris"}""", id: "call_1")
                .WithReasoning("Call the tool.", EmulatorReasoningDetail.FromText("Call the tool.", signature: "sig-1", index: 0)));
            emulator.Enqueue(EmulatorResponse.Text("Sunny."));
        }

        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "Sunny", "get_weather")] };
        using IChatClient ours = LoopbackToolLoopTests.CreateClient(emulator).AsBuilder().UseFunctionInvocation().Build();
        using IChatClient peer = CreatePeer(emulator).AsBuilder().UseFunctionInvocation().Build();

        await ours.GetResponseAsync("Weather in Paris?", options, Ct);
        await peer.GetResponseAsync("Weather in Paris?", options, Ct);

        Assert.NotNull(emulator.Requests[1].BodyAsJsonNode()!["messages"]![1]!["reasoning_details"]);
        Assert.Null(emulator.Requests[3].BodyAsJsonNode()!["messages"]![1]!["reasoning_details"]);
    }

    private static IChatClient CreatePeer(OpenRouterEmulator emulator) =>
        new OpenAIClient(
                new ApiKeyCredential("sk-or-loopback"),
                new OpenAIClientOptions { Endpoint = emulator.Endpoint, Transport = new HttpClientPipelineTransport(new HttpClient()) })
            .GetChatClient("openai/gpt-4o")
            .AsIChatClient();
}
