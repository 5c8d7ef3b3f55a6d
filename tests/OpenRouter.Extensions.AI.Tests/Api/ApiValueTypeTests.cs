using System.Text.Json;

namespace OpenRouter.Extensions.AI.Tests.Api;

public sealed class ApiValueTypeTests
{
    [Fact]
    public void Equality_DifferentCase_IsEqualAndHashesAlike()
    {
        var lower = new OpenRouterProviderName("openai");

        Assert.True(lower == OpenRouterProviderName.OpenAI);
        Assert.False(lower != OpenRouterProviderName.OpenAI);
        Assert.Equal(OpenRouterProviderName.OpenAI.GetHashCode(), lower.GetHashCode());
        Assert.NotEqual(OpenRouterQuantization.Fp8, OpenRouterQuantization.Fp16);
        Assert.Equal("openai", lower.ToString());
    }

    [Fact]
    public void Constructor_EmptyValue_ThrowsArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() => new OpenRouterModality(" "));
        Assert.Equal(string.Empty, default(OpenRouterModality).Value);
    }

    [Fact]
    public void Serialize_UnknownValue_RoundTripsAsString()
    {
        var options = OpenRouterJsonContext.Default.Options;
        string json = JsonSerializer.Serialize(new OpenRouterParameter("brand_new"), options);
        OpenRouterParameter back = JsonSerializer.Deserialize<OpenRouterParameter>(json, options);

        Assert.Equal("\"brand_new\"", json);
        Assert.Equal("brand_new", back.Value);
    }

    [Fact]
    public void Deserialize_NumericStatus_KeepsNumberText()
    {
        OpenRouterEndpointStatus status = JsonSerializer.Deserialize<OpenRouterEndpointStatus>("-10", OpenRouterJsonContext.Default.Options);

        Assert.Equal(OpenRouterEndpointStatus.Minus10, status);
    }

    [Fact]
    public void Deserialize_NullOrEmptyProviderName_ReadsAsDefaultInsteadOfFailing()
    {
        var endpoint = JsonSerializer.Deserialize<List<OpenRouterEndpoint>>(
            """[{"provider_name":null,"quantization":null},{"provider_name":"","quantization":""}]""", OpenRouterJsonContext.Default.Options)!;

        Assert.Equal(string.Empty, endpoint[0].ProviderName.Value);
        Assert.Null(endpoint[0].Quantization);
        Assert.Equal(default, endpoint[1].ProviderName);
        Assert.Equal(string.Empty, endpoint[1].Quantization!.Value.Value);
    }

    [Theory]
    [InlineData("\"0.0000025\"", "0.0000025")]
    [InlineData("0.0000025", "0.0000025")]
    [InlineData("2.5e-6", "0.0000025")]
    [InlineData("\"1E-7\"", "0.0000001")]
    [InlineData("\"0.1\"", "0.1")]
    [InlineData("12345678901234567890.123456789", "12345678901234567890.123456789")]
    public void DecimalConverter_NumberOrString_ParsesExactly(string json, string expected)
    {
        var pricing = JsonSerializer.Deserialize<OpenRouterPricing>($$"""{"prompt":{{json}},"completion":0,"request":{{json}}}""", OpenRouterJsonContext.Default.Options)!;

        decimal value = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(value, pricing.Prompt);
        Assert.Equal(value, pricing.Request);
    }

    [Fact]
    public void CreatedApiKey_ToString_NeverPrintsSecret()
    {
        var created = new OpenRouterCreatedApiKey { Key = "sk-or-v1-top-secret", Data = new OpenRouterApiKey { Name = "n" } };

        Assert.DoesNotContain("top-secret", created.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret", new OpenRouterAuthKey { Key = "sk-or-v1-top-secret" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_SuppliedHttpClient_LeavesItUsable()
    {
        using var httpClient = new HttpClient();
        new OpenRouterClient(new OpenRouterClientOptions(), httpClient).Dispose();

        // The Timeout setter throws ObjectDisposedException on a disposed HttpClient.
        httpClient.Timeout = TimeSpan.FromSeconds(5);
        Assert.Equal(TimeSpan.FromSeconds(5), httpClient.Timeout);
    }
}
