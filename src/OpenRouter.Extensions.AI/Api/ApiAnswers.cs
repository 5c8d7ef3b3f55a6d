using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// Sends a REST call through the boundary and unwraps its answer there (<c>{"data": …}</c>, required members), so that a
/// missing or malformed part of the answer takes the one error path like every other failure.
/// </summary>
internal static class ApiAnswers
{
    /// <summary>Sends <paramref name="request"/> and returns the answer's <c>data</c>, which must be present.</summary>
    public static Task<T> DataAsync<T>(this OpenRouterTransport transport, HttpRequestMessage request, JsonTypeInfo<OpenRouterDataEnvelope<T>> type, CancellationToken cancellationToken)
        where T : class =>
        transport.SendAsync(request, (body, _) => Deserialize(body, type).Data ?? throw MissingMember("data"), cancellationToken);

    /// <summary>Sends <paramref name="request"/> and returns the entries of the answer's <c>data</c> list, without <see langword="null"/> entries.</summary>
    public static Task<IReadOnlyList<T>> ItemsAsync<T>(this OpenRouterTransport transport, HttpRequestMessage request, JsonTypeInfo<OpenRouterDataEnvelope<List<T>>> type, CancellationToken cancellationToken)
        where T : class =>
        transport.SendAsync<IReadOnlyList<T>>(
            request,
            (body, _) =>
            {
                List<T> items = Deserialize(body, type).Data ?? throw MissingMember("data");
                items.RemoveAll(static item => item is null);
                return items;
            },
            cancellationToken);

    /// <summary>The failure for a 200 answer that lacks a member it must have (or has it as <c>null</c> or empty).</summary>
    /// <param name="name">The member's wire name.</param>
    /// <returns>The exception.</returns>
    public static OpenRouterException MissingMember(string name) => new($"OpenRouter sent a response without its '{name}' member.");

    private static T Deserialize<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(body, type) ?? throw new JsonException("The response body is null.");
}
