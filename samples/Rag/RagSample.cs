using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;

namespace Rag;

/// <summary>Embeds a handful of documents, finds the closest to a question and answers from them, citing their ids.</summary>
public static class RagSample
{
    /// <summary>The chat model used when <c>OPENROUTER_MODEL</c> is not set.</summary>
    public const string DefaultChatModel = "openai/gpt-4o-mini";

    /// <summary>The embedding model used when <c>OPENROUTER_EMBEDDING_MODEL</c> is not set.</summary>
    public const string DefaultEmbeddingModel = "openai/text-embedding-3-small";

    /// <summary>The question asked when none is given on the command line.</summary>
    public const string DefaultQuestion = "How do I reset the router password?";

    /// <summary>How many of the closest documents are given to the chat model.</summary>
    public const int TopCount = 2;

    /// <summary>The knowledge base: a few help-desk articles, by id.</summary>
    public static IReadOnlyList<(string Id, string Text)> Documents { get; } =
    [
        ("router-password", "To reset the router password, hold the reset button for ten seconds; the router password goes back to the one printed on the label."),
        ("firmware", "Firmware updates install automatically every night at 3 am while the router is idle."),
        ("guest-network", "The guest network keeps visitors away from your own devices; turn it on in the app under Network."),
        ("warranty", "The warranty covers hardware faults for two years from the date of purchase."),
        ("parental-controls", "Parental controls pause the internet for chosen devices on a schedule you set in the app."),
    ];

    /// <summary>Runs the sample.</summary>
    /// <param name="apiKey">The OpenRouter API key; <see langword="null"/> or empty to use the offline emulator.</param>
    /// <param name="chatModel">The chat model that writes the answer.</param>
    /// <param name="embeddingModel">The embedding model.</param>
    /// <param name="question">The question.</param>
    /// <param name="output">Where the sample writes.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    /// <returns>The process exit code: 0, or 1 when the answer is empty.</returns>
    public static async Task<int> RunAsync(string? apiKey, string chatModel, string embeddingModel, string question, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);
        OpenRouterClientOptions options = endpoint.CreateOptions(chatModel, appTitle: "OpenRouter .NET RAG sample");
        options.DefaultEmbeddingModelId = embeddingModel;
        using IEmbeddingGenerator<string, Embedding<float>> embeddings = new OpenRouterEmbeddingGenerator(options);
        using IChatClient chat = new OpenRouterChatClient(options);

        output.WriteLine($"> Question: {question}");

        // One request embeds every document; a second one the question.
        GeneratedEmbeddings<Embedding<float>> documentVectors = await embeddings.GenerateAsync(Documents.Select(d => d.Text), cancellationToken: cancellationToken);
        ReadOnlyMemory<float> questionVector = await embeddings.GenerateVectorAsync(question, cancellationToken: cancellationToken);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Embedded {documentVectors.Count} documents with {embeddingModel}: {documentVectors[0].Vector.Length} dimensions, {documentVectors.Usage?.InputTokenCount} tokens, cost {documentVectors.Usage.GetOpenRouterCost()?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} USD."));

        // No vector store here: rank the few documents by cosine similarity to the question.
        var ranked = Documents
            .Select((document, i) => (document.Id, document.Text, Score: TensorPrimitives.CosineSimilarity(questionVector.Span, documentVectors[i].Vector.Span)))
            .OrderByDescending(d => d.Score)
            .ToList();
        output.WriteLine("Closest documents:");
        foreach ((string id, _, float score) in ranked.Take(TopCount))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {score:0.000}  {id}"));
        }

        string context = string.Join("\n", ranked.Take(TopCount).Select(d => $"[{d.Id}] {d.Text}"));
        ChatResponse answer = await chat.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "Answer only from the documents given. Cite each document you use by its id in square brackets, e.g. [router-password]."),
                new ChatMessage(ChatRole.User, $"Documents:\n{context}\n\nQuestion: {question}"),
            ],
            new ChatOptions { Temperature = 0 },
            cancellationToken);

        output.WriteLine($"Answer: {answer.Text.ReplaceLineEndings(" ")}");
        return string.IsNullOrWhiteSpace(answer.Text) ? 1 : 0;
    }
}
