using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpenRouter.Extensions.AI;

/// <summary>
/// API keys: the current key (<c>/key</c>) and, with a provisioning key, listing, creating, reading, updating and deleting keys (<c>/keys</c>).
/// </summary>
/// <remarks>Obtain it from <see cref="OpenRouterClient.Keys"/>.</remarks>
public sealed class OpenRouterKeysClient
{
    private readonly OpenRouterTransport _transport;

    internal OpenRouterKeysClient(OpenRouterTransport transport) => _transport = transport;

    /// <summary>Gets the key the client authenticates with: limits, usage, rate limit and free tier (<c>GET /key</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The current key's details.</returns>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (401 without a valid key) or could not be reached.</exception>
    public Task<OpenRouterCurrentKey> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        _transport.DataAsync(_transport.CreateRequest(HttpMethod.Get, ApiRoute.Of("key")), OpenRouterJsonContext.Default.CurrentKeyEnvelope, cancellationToken);

    /// <summary>Lists one page of API keys (<c>GET /keys</c>). Requires a provisioning key.</summary>
    /// <param name="includeDisabled">Whether disabled keys are included (<c>include_disabled</c>).</param>
    /// <param name="offset">How many keys to skip (<c>offset</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The page of keys; empty past the last key.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public Task<IReadOnlyList<OpenRouterApiKey>> ListAsync(bool includeDisabled = false, int offset = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ApiRoute route = ApiRoute.Of("keys")
            .Query("include_disabled", includeDisabled ? "true" : null)
            .Query("offset", offset > 0 ? offset : null);
        return _transport.ItemsAsync(_transport.CreateRequest(HttpMethod.Get, route), OpenRouterJsonContext.Default.ApiKeyListEnvelope, cancellationToken);
    }

    /// <summary>The most pages <see cref="ListAllAsync"/> requests (at OpenRouter's page size, far more keys than an account holds) before it gives up.</summary>
    public const int MaxListAllPages = 1000;

    /// <summary>Enumerates all API keys, requesting page after page (<c>GET /keys?offset=…</c>) as the enumeration proceeds.</summary>
    /// <param name="includeDisabled">Whether disabled keys are included (<c>include_disabled</c>).</param>
    /// <param name="cancellationToken">The token to cancel the enumeration.</param>
    /// <returns>Every key once, in the server's order.</returns>
    /// <remarks>
    /// The next offset is the number of keys received so far. Paging stops at an empty page, or at a page shorter than the
    /// longest page seen (the server's page size), which saves the final empty request. A key already yielded (same
    /// <see cref="OpenRouterApiKey.Hash"/>, as when keys are created while paging) is not yielded again. A server that misbehaves
    /// cannot keep the loop going: a page that brings no key not seen before (the server ignores <c>offset</c>), or more than
    /// <see cref="MaxListAllPages"/> pages, ends the enumeration with an <see cref="OpenRouterException"/> after the keys yielded so far.
    /// </remarks>
    /// <exception cref="OpenRouterException">
    /// OpenRouter answered with an error or could not be reached, sent a page with nothing new, or more than <see cref="MaxListAllPages"/> pages.
    /// </exception>
    public async IAsyncEnumerable<OpenRouterApiKey> ListAllAsync(bool includeDisabled = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int offset = 0;
        int pageSize = 0;
        for (int pages = 1; ; pages++)
        {
            IReadOnlyList<OpenRouterApiKey> page = await ListAsync(includeDisabled, offset, cancellationToken).ConfigureAwait(false);
            bool anyNew = false;
            foreach (OpenRouterApiKey key in page)
            {
                // A key without a hash cannot be recognised again; it counts as new (the page limit still bounds the loop).
                if (key.Hash.Length == 0 || seen.Add(key.Hash))
                {
                    anyNew = true;
                    yield return key;
                }
            }

            if (page.Count == 0 || page.Count < pageSize)
            {
                yield break;
            }

            if (!anyNew)
            {
                throw new OpenRouterException(
                    $"Listing API keys stopped: the page at offset {offset} repeats keys already listed (the server ignores 'offset'), so paging would not end.");
            }

            if (pages == MaxListAllPages)
            {
                throw new OpenRouterException(
                    $"Listing API keys stopped after {MaxListAllPages} pages ({seen.Count} keys) without reaching the end (OpenRouterKeysClient.MaxListAllPages).");
            }

            pageSize = Math.Max(pageSize, page.Count);
            offset += page.Count;
        }
    }

    /// <summary>Creates an API key (<c>POST /keys</c>). Requires a provisioning key.</summary>
    /// <param name="request">The new key's name and limits.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The key's details and its secret, which OpenRouter returns only this once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error or could not be reached.</exception>
    public async Task<OpenRouterCreatedApiKey> CreateAsync(OpenRouterCreateKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpRequestMessage message = _transport.CreateRequest(HttpMethod.Post, ApiRoute.Of("keys"));
        message.Content = OpenRouterTransport.CreateJsonContent(request, OpenRouterJsonContext.Default.OpenRouterCreateKeyRequest);
        return await _transport.SendAsync(message, static (json, _) => CheckCreated(json), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets one API key by its hash (<c>GET /keys/{hash}</c>). Requires a provisioning key.</summary>
    /// <param name="hash">The key's <see cref="OpenRouterApiKey.Hash"/>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The key's details.</returns>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown key) or could not be reached.</exception>
    public async Task<OpenRouterApiKey> GetAsync(string hash, CancellationToken cancellationToken = default)
    {
        return await _transport.DataAsync(
            _transport.CreateRequest(HttpMethod.Get, ApiRoute.Of("keys").Segment(hash)), OpenRouterJsonContext.Default.ApiKeyEnvelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes an API key's name, state or limits (<c>PATCH /keys/{hash}</c>). Requires a provisioning key.</summary>
    /// <param name="hash">The key's <see cref="OpenRouterApiKey.Hash"/>.</param>
    /// <param name="update">The changes; unset properties are not sent and stay as they are.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The key's details after the change.</returns>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is empty, or <paramref name="update"/> both sets and removes the same setting.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown key) or could not be reached.</exception>
    public async Task<OpenRouterApiKey> UpdateAsync(string hash, OpenRouterUpdateKeyRequest update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        HttpRequestMessage message = _transport.CreateRequest(HttpMethod.Patch, ApiRoute.Of("keys").Segment(hash));
        message.Content = OpenRouterTransport.CreateJsonContent(WriteUpdate(update));
        return await _transport.DataAsync(message, OpenRouterJsonContext.Default.ApiKeyEnvelope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an API key (<c>DELETE /keys/{hash}</c>). Requires a provisioning key.</summary>
    /// <param name="hash">The key's <see cref="OpenRouterApiKey.Hash"/>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>A task that completes when the key is deleted.</returns>
    /// <exception cref="ArgumentException"><paramref name="hash"/> is empty.</exception>
    /// <exception cref="OpenRouterException">OpenRouter answered with an error (404 for an unknown key), did not confirm the deletion, or could not be reached.</exception>
    public async Task DeleteAsync(string hash, CancellationToken cancellationToken = default)
    {
        await _transport.SendAsync(
            _transport.CreateRequest(HttpMethod.Delete, ApiRoute.Of("keys").Segment(hash)),
            static (json, _) => JsonSerializer.Deserialize(json, OpenRouterJsonContext.Default.OpenRouterDeleteKeyResponse) is { Deleted: true }
                ? true
                : throw new OpenRouterException("OpenRouter did not confirm the deletion of the API key ('deleted' was not true)."),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The secret is shown only this once: an answer without it (or without the key's details) must not pass as a success.</summary>
    private static OpenRouterCreatedApiKey CheckCreated(ReadOnlySpan<byte> json)
    {
        OpenRouterCreatedApiKey created = JsonSerializer.Deserialize(json, OpenRouterJsonContext.Default.OpenRouterCreatedApiKey) ?? throw new JsonException("The response body is null.");
        if (string.IsNullOrEmpty(created.Key))
        {
            throw ApiAnswers.MissingMember("key");
        }

        return created.Data is null ? throw ApiAnswers.MissingMember("data") : created;
    }

    /// <summary>Writes the PATCH body by hand: only set members, and an explicit <c>null</c> for a removed limit or reset.</summary>
    private static byte[] WriteUpdate(OpenRouterUpdateKeyRequest update)
    {
        if (update.RemoveLimit && update.Limit is not null)
        {
            throw new ArgumentException("Set either Limit or RemoveLimit, not both.", nameof(update));
        }

        if (update.RemoveLimitReset && update.LimitReset is not null)
        {
            throw new ArgumentException("Set either LimitReset or RemoveLimitReset, not both.", nameof(update));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (update.Name is not null)
            {
                writer.WriteString("name", update.Name);
            }

            if (update.Disabled is { } disabled)
            {
                writer.WriteBoolean("disabled", disabled);
            }

            if (update.Limit is { } limit)
            {
                writer.WriteNumber("limit", limit);
            }
            else if (update.RemoveLimit)
            {
                writer.WriteNull("limit");
            }

            if (update.LimitReset is { } reset)
            {
                writer.WriteString("limit_reset", reset.Value);
            }
            else if (update.RemoveLimitReset)
            {
                writer.WriteNull("limit_reset");
            }

            if (update.IncludeByokInLimit is { } includeByok)
            {
                writer.WriteBoolean("include_byok_in_limit", includeByok);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
