using SemanticKernelAgent;

namespace OpenRouter.Samples.Tests;

public sealed class SemanticKernelAgentTests
{
    [Fact]
    public async Task RunAsync_NoApiKey_KernelFilterSeesPriceCall_AndAgentAnswersFromSpecialsTool()
    {
        (int exitCode, string[] lines) = await SampleOutput.RunAsync(
            output => SemanticKernelAgentSample.RunAsync(apiKey: null, SemanticKernelAgentSample.DefaultModel, output, TestContext.Current.CancellationToken));

        Assert.Equal(0, exitCode);
        SampleOutput.AssertEmulatorNotice(lines);

        // Semantic Kernel: FunctionChoiceBehavior.Auto() let the model call the plugin; the filter saw the call and its result,
        // and the prompt's result is the model's answer built from that result.
        Assert.Equal(
            [
                "[Semantic Kernel] > What is the price of the Clam Chowder on the menu?",
                "[Semantic Kernel]   [tool call] Menu.GetItemPrice(menuItem: Clam Chowder)",
                "[Semantic Kernel]   [tool result] Clam Chowder costs $9.99",
                "[Semantic Kernel] [OpenRouter emulator] Based on Menu_GetItemPrice: Clam Chowder costs $9.99",
            ],
            lines.Where(l => l.StartsWith("[Semantic Kernel]", StringComparison.Ordinal)));

        // Agent Framework: the same plugin as the agent's tools; the agent ran the tool loop and answered from the specials.
        Assert.Equal(
            [
                "[Agent] > What are today's specials on the menu?",
                "[Agent]   [tool call] Menu_GetSpecials()",
                $"[Agent] [OpenRouter emulator] Based on Menu_GetSpecials: {MenuPlugin.GetSpecials()}",
            ],
            lines.Where(l => l.StartsWith("[Agent]", StringComparison.Ordinal)));
        Assert.Equal(8, lines.Length);
    }

    [Theory]
    [InlineData("Clam Chowder", "Clam Chowder costs $9.99")]
    [InlineData(" cobb salad ", "Cobb Salad costs $12.50")]
    [InlineData("Pizza", "Pizza is not on the menu")]
    public void MenuPlugin_GetItemPrice_KnowsTheSpecials(string item, string expected) =>
        Assert.Equal(expected, MenuPlugin.GetItemPrice(item));
}
