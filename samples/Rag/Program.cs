// Rag: retrieval-augmented generation with OpenRouter's embeddings. The documents and the question are embedded with
// OpenRouterEmbeddingGenerator, ranked by cosine similarity (TensorPrimitives.CosineSimilarity), and the closest ones are
// given to OpenRouterChatClient, which answers citing them.
// With OPENROUTER_API_KEY set it talks to openrouter.ai; without, it starts the offline OpenRouter emulator.
// The sample itself is in RagSample.cs (so the tests can run it against the emulator).
using Rag;

return await RagSample.RunAsync(
    apiKey: Environment.GetEnvironmentVariable("OPENROUTER_API_KEY"),
    chatModel: Environment.GetEnvironmentVariable("OPENROUTER_MODEL") ?? RagSample.DefaultChatModel,
    embeddingModel: Environment.GetEnvironmentVariable("OPENROUTER_EMBEDDING_MODEL") ?? RagSample.DefaultEmbeddingModel,
    question: args.Length > 0 ? string.Join(' ', args) : RagSample.DefaultQuestion,
    output: Console.Out);
