using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>The architecture of a model: tokenizer, prompt format and modalities (<c>architecture</c>).</summary>
public sealed record OpenRouterModelArchitecture
{
    /// <summary>Gets the tokenizer family (<c>tokenizer</c>), such as <see cref="OpenRouterTokenizer.GPT"/>.</summary>
    public OpenRouterTokenizer? Tokenizer { get; init; }

    /// <summary>Gets the instruction prompt format (<c>instruct_type</c>), or <see langword="null"/> when none applies.</summary>
    public OpenRouterInstructType? InstructType { get; init; }

    /// <summary>Gets the modality summary (<c>modality</c>), such as <c>text+image-&gt;text</c>.</summary>
    public string? Modality { get; init; }

    /// <summary>Gets the input modalities (<c>input_modalities</c>). A JSON <c>null</c> reads as empty.</summary>
    [JsonConverter(typeof(OpenRouterListConverter<OpenRouterModality>))]
    public IReadOnlyList<OpenRouterModality> InputModalities { get; init => field = value ?? []; } = [];

    /// <summary>Gets the output modalities (<c>output_modalities</c>). A JSON <c>null</c> reads as empty.</summary>
    [JsonConverter(typeof(OpenRouterListConverter<OpenRouterModality>))]
    public IReadOnlyList<OpenRouterModality> OutputModalities { get; init => field = value ?? []; } = [];
}
