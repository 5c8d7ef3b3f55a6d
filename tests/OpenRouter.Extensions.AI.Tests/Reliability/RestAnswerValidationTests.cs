using OpenRouter.Extensions.AI.Tests.Infrastructure;

namespace OpenRouter.Extensions.AI.Tests.Reliability;

/// <summary>
/// REST answers from a raw-socket server that lack what they must have, or spell it oddly: a missing secret is an
/// <see cref="OpenRouterException"/>, lists are never null and hold no null entries, strings are never null, and whole
/// numbers written as <c>8192.0</c> are read.
/// </summary>
public sealed class RestAnswerValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"data":{"hash":"h","name":"n","label":"l","usage":0,"created_at":"2025-01-01T00:00:00Z"}}""")]
    [InlineData("""{"data":{"hash":"h","name":"n","label":"l","usage":0,"created_at":"2025-01-01T00:00:00Z"},"key":""}""")]
    [InlineData("""{"data":null,"key":"sk-or-v1-new"}""")]
    public async Task KeysCreateAsync_AnswerMissingKeyOrData_Throws(string answer)
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", answer);
        using var rest = new OpenRouterClient(Options(server));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => rest.Keys.CreateAsync(new OpenRouterCreateKeyRequest("k"), Ct));

        Assert.Contains("without its '", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"user_id":"u"}""")]
    [InlineData("""{"key":null,"user_id":"u"}""")]
    public async Task AuthExchangeCodeAsync_AnswerWithoutKey_Throws(string answer)
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", answer);
        using var rest = new OpenRouterClient(Options(server));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => rest.Auth.ExchangeCodeAsync("code", "verifier-verifier-verifier-verifier-verifier-0", cancellationToken: Ct));

        Assert.Contains("without its 'key' member", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"data":{"model":"a/b","supported_parameters":null}}""", new string[0])]
    [InlineData("""{"data":{"model":null,"supported_parameters":[null,"tools",null]}}""", new[] { "tools" })]
    public async Task ModelsGetParametersAsync_NullListOrEntries_ReadsAListWithoutNulls(string answer, string[] expected)
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", answer);
        using var rest = new OpenRouterClient(Options(server));

        OpenRouterModelParameters parameters = await rest.Models.GetParametersAsync("a/b", cancellationToken: Ct);

        Assert.NotNull(parameters.Model);
        Assert.Equal(expected, parameters.SupportedParameters.Select(p => p.Value));
    }

    [Fact]
    public async Task ModelsGetEndpointsAsync_NullStringsAndFloatWholeNumbers_ReadsEmptyStringsAndIntegers()
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", """
            {"data":{"id":"a/b","name":"B","endpoints":[null,{"name":null,"model_name":null,"tag":null,"context_length":8192.0,"max_completion_tokens":4.096e3,"max_prompt_tokens":null,"provider_name":"OpenAI","supported_parameters":[null]}]}}
            """);
        using var rest = new OpenRouterClient(Options(server));

        OpenRouterModelEndpoints model = await rest.Models.GetEndpointsAsync("a/b", Ct);

        OpenRouterEndpoint endpoint = Assert.Single(model.Endpoints);
        Assert.Equal(string.Empty, endpoint.Name);
        Assert.Equal(string.Empty, endpoint.ModelName);
        Assert.Equal(string.Empty, endpoint.Tag);
        Assert.Equal(8192, endpoint.ContextLength);
        Assert.Equal(4096, endpoint.MaxCompletionTokens);
        Assert.Null(endpoint.MaxPromptTokens);
        Assert.Empty(endpoint.SupportedParameters);
    }

    [Fact]
    public async Task ModelsListAsync_NullEntriesAndFloatContextLength_SkipsNullsAndReadsTheNumber()
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", """
            {"data":[null,{"id":"a/b","name":"B","context_length":8192.0,"top_provider":{"context_length":"8192","max_completion_tokens":1024.0},"architecture":{"input_modalities":[null,"text"],"output_modalities":null}},null]}
            """);
        using var rest = new OpenRouterClient(Options(server));

        IReadOnlyList<OpenRouterModel> models = await rest.Models.ListAsync(cancellationToken: Ct);

        OpenRouterModel model = Assert.Single(models);
        Assert.Equal(8192, model.ContextLength);
        Assert.Equal(8192, model.TopProvider!.ContextLength);
        Assert.Equal(1024, model.TopProvider.MaxCompletionTokens);
        Assert.Equal([OpenRouterModality.Text], model.Architecture!.InputModalities);
        Assert.Empty(model.Architecture.OutputModalities);
    }

    [Theory]
    [InlineData("8192.5")]
    [InlineData("1e30")]
    [InlineData("\"many\"")]
    public async Task ModelsListAsync_WholeNumberFieldWithFractionOrOutOfRange_IsMalformedAnswer(string value)
    {
        await using RawHttpServer server = RawHttpServer.Start(200, "application/json", $$"""{"data":[{"id":"a/b","name":"B","context_length":{{value}}}]}""");
        using var rest = new OpenRouterClient(Options(server));

        OpenRouterException ex = await Assert.ThrowsAsync<OpenRouterException>(() => rest.Models.ListAsync(cancellationToken: Ct));

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    private static OpenRouterClientOptions Options(RawHttpServer server) =>
        new() { Endpoint = server.Endpoint, ApiKey = "sk-or-test", DefaultModelId = "m/x" };
}
