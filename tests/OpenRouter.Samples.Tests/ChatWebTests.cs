using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatWeb;
using Microsoft.Playwright;

namespace OpenRouter.Samples.Tests;

/// <summary>The ChatWeb sample on the offline emulator: its event stream over HTTP, and its page in a real browser.</summary>
public sealed partial class ChatWebTests
{
    /// <summary>Debian's chromium, which <c>.ci/run</c> installs with apt; Playwright drives it and downloads nothing.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiChat_WeatherQuestion_StreamsToolCallResultAnswerAndCost()
    {
        await using ChatWebApp app = await ChatWebApp.StartAsync(["--urls", "http://127.0.0.1:0"], apiKey: null, TextWriter.Null, Ct);
        using var http = new HttpClient { BaseAddress = app.Address };

        using HttpResponseMessage response = await http.PostAsJsonAsync(
            "api/chat", new { messages = new[] { new { role = "user", text = "What is the weather in Lisbon?" } } }, Ct);
        List<(string Type, JsonElement Data)> events = ParseEvents(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["tool_call", "tool_result", "reasoning", "text", "usage"], events.Select(e => e.Type).Distinct()); // reasoning only in the round after the tool
        JsonElement call = events.Single(e => e.Type == "tool_call").Data;
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Lisbon", call.GetProperty("arguments").GetProperty("city").GetString());
        Assert.Equal("Sunny, 21 °C in Lisbon", events.Single(e => e.Type == "tool_result").Data.GetProperty("result").GetString());
        Assert.Contains("Sunny, 21 °C in Lisbon", string.Concat(events.Where(e => e.Type == "text").Select(e => e.Data.GetProperty("text").GetString())), StringComparison.Ordinal);
        JsonElement usage = events[^1].Data;
        Assert.True(usage.GetProperty("cost").GetDecimal() > 0m);
        Assert.Equal(0, usage.GetProperty("cachedTokens").GetInt32());
    }

    [Fact]
    public async Task Health_OnTheEmulator_Healthy()
    {
        await using ChatWebApp app = await ChatWebApp.StartAsync(["--urls", "http://127.0.0.1:0"], apiKey: null, TextWriter.Null, Ct);
        using var http = new HttpClient { BaseAddress = app.Address };

        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("health", UriKind.Relative), Ct));
    }

    [Fact]
    public async Task Page_Prompt_RendersTheAnswerTokenByTokenWithReasoningApartAndTheCostLine()
    {
        if (!File.Exists(Chromium))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"{Chromium} is missing: .ci/run installs Debian's chromium with apt.");
            Assert.Skip($"{Chromium} is not installed (apt-get install chromium); .ci/run installs it.");
        }

        await using ChatWebApp app = await ChatWebApp.StartAsync(["--urls", "http://127.0.0.1:0"], apiKey: null, TextWriter.Null, Ct);
        string profile = Directory.CreateTempSubdirectory("chatweb-chromium-").FullName;
        try
        {
            using IPlaywright playwright = await Playwright.CreateAsync();
            await using IBrowserContext browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            IPage page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            await page.GotoAsync(app.Address.ToString());

            // Every text the answer shows, as the page renders it (a mutation observer, installed before the prompt is sent).
            await page.EvaluateAsync("""
                () => {
                  window.renders = [];
                  new MutationObserver(() => {
                    const answer = document.querySelector('.turn:last-child [data-testid=answer]');
                    const text = answer ? answer.textContent : '';
                    if (text && text !== window.renders[window.renders.length - 1]) window.renders.push(text);
                  }).observe(document.getElementById('conversation'), { subtree: true, childList: true, characterData: true });
                }
                """);
            await page.FillAsync("#prompt", "Tell me about the sea");
            await page.ClickAsync("#send");
            await page.WaitForSelectorAsync(".turn[data-done=true]");

            string[] renders = await page.EvaluateAsync<string[]>("() => window.renders");
            string answer = await page.InnerTextAsync(".turn:last-child [data-testid=answer]");
            string reasoning = await page.InnerTextAsync(".turn:last-child [data-testid=reasoning]");
            string cost = await page.InnerTextAsync(".turn:last-child [data-testid=cost]");

            Assert.StartsWith("[OpenRouter emulator]", answer, StringComparison.Ordinal);
            Assert.Equal(answer, renders[^1]);
            string[] partial = [.. renders[..^1].Where(r => answer.StartsWith(r, StringComparison.Ordinal))];
            Assert.True(partial.Length >= 3, $"Expected at least three partial renders before the final one, saw {partial.Length}: {string.Join(" | ", renders)}");
            Assert.Contains("Reasoning (demo)", reasoning, StringComparison.Ordinal);
            Assert.DoesNotContain("Reasoning (demo)", answer, StringComparison.Ordinal);
            Assert.Matches(CostLine(), cost);

            // A second question in the same conversation: the tool call is listed with its result.
            await page.FillAsync("#prompt", "What is the weather in Lisbon?");
            await page.ClickAsync("#send");
            await page.WaitForSelectorAsync(".turn:nth-child(2)[data-done=true]");

            Assert.Equal("get_weather({\"city\":\"Lisbon\"}) → Sunny, 21 °C in Lisbon", await page.InnerTextAsync(".turn:nth-child(2) [data-testid=tools] li"));
            Assert.Matches(CostLine(), await page.InnerTextAsync(".turn:nth-child(2) [data-testid=cost]"));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static List<(string Type, JsonElement Data)> ParseEvents(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            string[] lines = block.Split('\n');
            string type = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            string data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            return (type, JsonDocument.Parse(data).RootElement.Clone());
        })];

    [GeneratedRegex(@"^Cost \$0\.\d{6} · cache reads 0 tokens · \d+ in / \d+ out tokens")]
    private static partial Regex CostLine();
}
