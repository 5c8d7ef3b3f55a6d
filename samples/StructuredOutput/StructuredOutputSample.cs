using System.ComponentModel;
using Microsoft.Extensions.AI;
using OpenRouter.Extensions.AI;
using OpenRouter.Samples;

namespace StructuredOutput;

/// <summary>A table booking extracted from a free-text message.</summary>
/// <param name="Name">Who booked.</param>
/// <param name="City">Where.</param>
/// <param name="Guests">How many people.</param>
/// <param name="Date">The day of the booking.</param>
/// <param name="Notes">Anything else the guest asked for.</param>
[Description("A restaurant table booking.")]
public sealed record TableBooking(
    [property: Description("The full name of the person who books")] string Name,
    [property: Description("The city of the restaurant")] string City,
    [property: Description("The number of guests")] int Guests,
    [property: Description("The date of the booking")] DateOnly Date,
    [property: Description("Special requests, or an empty string")] string Notes);

/// <summary>Extracts a <see cref="TableBooking"/> from an e-mail with <c>GetResponseAsync&lt;T&gt;</c>.</summary>
public static class StructuredOutputSample
{
    /// <summary>The model used when <c>OPENROUTER_MODEL</c> is not set (it must support structured outputs).</summary>
    public const string DefaultModel = "openai/gpt-4o-mini";

    /// <summary>The message the booking is extracted from.</summary>
    public const string Message =
        "Hi, this is Ada Lovelace. Please book a table for 4 in Vienna on 2025-06-14, near a window if possible.";

    /// <summary>Runs the sample.</summary>
    /// <param name="apiKey">The OpenRouter API key; <see langword="null"/> or empty to use the offline emulator.</param>
    /// <param name="model">The model, e.g. <c>openai/gpt-4o-mini</c>.</param>
    /// <param name="output">Where the sample writes.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    /// <returns>The process exit code: 0, or 1 when the model's answer was not a valid booking.</returns>
    public static async Task<int> RunAsync(string? apiKey, string model, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using SampleEndpoint endpoint = await SampleEndpoint.StartAsync(apiKey, output, cancellationToken);
        using IChatClient chat = new OpenRouterChatClient(endpoint.CreateOptions(model, appTitle: "OpenRouter .NET StructuredOutput sample"));

        output.WriteLine($"> Extract the booking from: {Message}");

        // GetResponseAsync<T> derives a JSON schema from TableBooking (names, types, [Description]s, every property
        // required), sends it as response_format {type: json_schema}, and deserializes the answer into the record.
        var options = new ChatOptions { Temperature = 0 };
        ChatResponse<TableBooking> response = await chat.GetResponseAsync<TableBooking>(
            $"Extract the booking from this message: {Message}", options, cancellationToken: cancellationToken);

        // TryGetResult does not throw when the model answered something that is not a TableBooking.
        if (!response.TryGetResult(out TableBooking? booking))
        {
            output.WriteLine($"The answer was not a valid booking: {response.Text}");
            return 1;
        }

        output.WriteLine($"  raw JSON: {response.Text}");
        output.WriteLine($"  Name:   {booking.Name}");
        output.WriteLine($"  City:   {booking.City}");
        output.WriteLine($"  Guests: {booking.Guests}");
        output.WriteLine($"  Date:   {booking.Date:yyyy-MM-dd} ({booking.Date.DayOfWeek})");
        output.WriteLine($"  Notes:  {booking.Notes}");
        return 0;
    }
}
