using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpenRouter.Testing;

/// <summary>
/// The emulator's API keys and OAuth PKCE codes, kept in memory for the emulator's lifetime: <c>GET /key</c>,
/// <c>GET/POST /keys</c>, <c>GET/PATCH/DELETE /keys/{hash}</c>, <c>POST /auth/keys/code</c> and <c>POST /auth/keys</c>.
/// </summary>
/// <remarks>
/// Shapes follow OpenRouter's API reference. Keys created here (and keys handed out by the code exchange) are
/// listed, updated and deleted like real ones, and <c>GET /key</c> describes the bearer key of the request. Usage is
/// always zero: the emulator does not bill.
/// </remarks>
internal sealed class EmulatorKeys
{
    /// <summary>The largest page <c>GET /keys</c> returns, as OpenRouter does.</summary>
    internal const int PageSize = 100;

    private readonly Lock _lock = new();
    private readonly List<KeyRecord> _keys = [];
    private readonly Dictionary<string, AuthCode> _codes = new(StringComparer.Ordinal);
    private readonly Func<DateTimeOffset> _now;

    public EmulatorKeys(Func<DateTimeOffset> now) => _now = now;

    /// <summary>Answers a <c>key</c>, <c>keys</c> or <c>keys/{hash}</c> request; the status and JSON body.</summary>
    public (int Status, string Json) HandleKeys(string method, string route, IQueryCollection query, string? bearerKey, JsonObject? body)
    {
        if (route == "key")
        {
            return HttpMethods.IsGet(method) ? (200, Data(CurrentKey(bearerKey))) : MethodNotAllowed("GET");
        }

        if (route == "keys")
        {
            if (HttpMethods.IsGet(method))
            {
                return (200, List(query));
            }

            return HttpMethods.IsPost(method) ? Create(body) : MethodNotAllowed("GET, POST");
        }

        string hash = Uri.UnescapeDataString(route["keys/".Length..]);
        lock (_lock)
        {
            KeyRecord? key = _keys.Find(k => k.Hash == hash);
            if (key is null)
            {
                return Error(404, $"API key '{hash}' not found");
            }

            if (HttpMethods.IsGet(method))
            {
                return (200, Data(key.ToJson()));
            }

            if (HttpMethods.IsPatch(method))
            {
                return Update(key, body);
            }

            if (HttpMethods.IsDelete(method))
            {
                _keys.Remove(key);
                return (200, new JsonObject { ["deleted"] = true }.ToJsonString(WireFormat.JsonOptions));
            }
        }

        return MethodNotAllowed("GET, PATCH, DELETE");
    }

    /// <summary>Answers <c>auth/keys/code</c> (create a code) or <c>auth/keys</c> (exchange it for a key).</summary>
    public (int Status, string Json) HandleAuth(string method, string route, JsonObject? body)
    {
        if (!HttpMethods.IsPost(method))
        {
            return MethodNotAllowed("POST");
        }

        return route == "auth/keys/code" ? CreateCode(body) : ExchangeCode(body);
    }

    private JsonObject CurrentKey(string? bearerKey)
    {
        KeyRecord? key;
        lock (_lock)
        {
            key = bearerKey is null ? null : _keys.Find(k => k.Secret == bearerKey);
        }

        var current = new JsonObject
        {
            ["label"] = key?.Label ?? Label(bearerKey ?? "sk-or-emulator"),
            ["limit"] = key?.Limit,
            ["usage"] = 0,
            ["usage_daily"] = 0,
            ["usage_weekly"] = 0,
            ["usage_monthly"] = 0,
            ["byok_usage"] = 0,
            ["byok_usage_daily"] = 0,
            ["byok_usage_weekly"] = 0,
            ["byok_usage_monthly"] = 0,
            ["is_free_tier"] = false,
            ["is_provisioning_key"] = key is null,
            ["limit_remaining"] = key?.Limit,
            ["limit_reset"] = key?.LimitReset,
            ["include_byok_in_limit"] = key?.IncludeByokInLimit ?? false,
            ["rate_limit"] = new JsonObject { ["requests"] = 1000, ["interval"] = "10s", ["note"] = "The emulator does not rate limit." },
        };
        return current;
    }

    private string List(IQueryCollection query)
    {
        bool includeDisabled = string.Equals(query["include_disabled"], "true", StringComparison.OrdinalIgnoreCase);
        int offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
        var page = new JsonArray();
        lock (_lock)
        {
            foreach (KeyRecord key in _keys.Where(k => includeDisabled || !k.Disabled).Skip(offset).Take(PageSize))
            {
                page.Add((JsonNode)key.ToJson());
            }
        }

        return new JsonObject { ["data"] = page }.ToJsonString(WireFormat.JsonOptions);
    }

    private (int, string) Create(JsonObject? body)
    {
        if (body?["name"] is not JsonValue nameValue || !nameValue.TryGetValue(out string? name) || string.IsNullOrWhiteSpace(name))
        {
            return Error(400, "'name' is required");
        }

        KeyRecord key = NewKey(name);
        if (!TryApply(key, body, out string? error))
        {
            return Error(400, error);
        }

        lock (_lock)
        {
            _keys.Add(key);
        }

        return (201, new JsonObject { ["data"] = key.ToJson(), ["key"] = key.Secret }.ToJsonString(WireFormat.JsonOptions));
    }

    private (int, string) Update(KeyRecord key, JsonObject? body)
    {
        if (body is null)
        {
            return Error(400, "The request body must be a JSON object");
        }

        if (body["name"] is JsonValue name && name.TryGetValue(out string? newName))
        {
            key.Name = newName;
        }

        if (body["disabled"] is JsonValue disabled && disabled.TryGetValue(out bool isDisabled))
        {
            key.Disabled = isDisabled;
        }

        if (!TryApply(key, body, out string? error))
        {
            return Error(400, error);
        }

        key.UpdatedAt = _now();
        return (200, Data(key.ToJson()));
    }

    /// <summary>Applies <c>limit</c>, <c>limit_reset</c> and <c>include_byok_in_limit</c>; a JSON <c>null</c> removes a value.</summary>
    private static bool TryApply(KeyRecord key, JsonObject body, out string? error)
    {
        error = null;
        if (body.TryGetPropertyValue("limit", out JsonNode? limit))
        {
            if (limit is null)
            {
                key.Limit = null;
            }
            else if (limit is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<decimal>() >= 0)
            {
                key.Limit = v.GetValue<decimal>();
            }
            else
            {
                error = "'limit' must be a non-negative number or null";
                return false;
            }
        }

        if (body.TryGetPropertyValue("limit_reset", out JsonNode? reset))
        {
            string? value = reset is JsonValue r && r.TryGetValue(out string? s) ? s : null;
            if (reset is not null && value is not ("daily" or "weekly" or "monthly"))
            {
                error = "'limit_reset' must be 'daily', 'weekly', 'monthly' or null";
                return false;
            }

            key.LimitReset = value;
        }

        if (body["include_byok_in_limit"] is JsonValue byok && byok.TryGetValue(out bool include))
        {
            key.IncludeByokInLimit = include;
        }

        return true;
    }

    private (int, string) CreateCode(JsonObject? body)
    {
        string? callback = body?["callback_url"] is JsonValue c && c.TryGetValue(out string? url) ? url : null;
        if (callback is null || !Uri.TryCreate(callback, UriKind.Absolute, out _))
        {
            return Error(400, "'callback_url' must be an absolute URL");
        }

        string? challenge = body?["code_challenge"] is JsonValue ch && ch.TryGetValue(out string? text) ? text : null;
        string method = body?["code_challenge_method"] is JsonValue m && m.TryGetValue(out string? name) ? name : "plain";
        if (method is not ("S256" or "plain"))
        {
            return Error(400, "'code_challenge_method' must be 'S256' or 'plain'");
        }

        var code = new AuthCode("auth_code_" + RandomHex(12), challenge, method, _now());
        lock (_lock)
        {
            _codes[code.Id] = code;
        }

        return (200, Data(new JsonObject { ["id"] = code.Id, ["app_id"] = 1, ["created_at"] = Timestamp(code.CreatedAt) }));
    }

    private (int, string) ExchangeCode(JsonObject? body)
    {
        string? id = body?["code"] is JsonValue c && c.TryGetValue(out string? text) ? text : null;
        AuthCode? code;
        lock (_lock)
        {
            // A code is used once, whether the exchange succeeds or not, as an authorization server should.
            if (id is null || !_codes.Remove(id, out code))
            {
                return Error(403, "Invalid or expired authorization code");
            }
        }

        if (code.Challenge is not null)
        {
            string? verifier = body?["code_verifier"] is JsonValue v && v.TryGetValue(out string? value) ? value : null;
            string expected = code.Method == "S256" && verifier is not null ? S256(verifier) : verifier ?? string.Empty;
            if (verifier is null || !string.Equals(expected, code.Challenge, StringComparison.Ordinal))
            {
                return Error(403, "The code_verifier does not match the code_challenge");
            }
        }

        KeyRecord key = NewKey("Sign in with OpenRouter");
        lock (_lock)
        {
            _keys.Add(key);
        }

        return (200, new JsonObject { ["key"] = key.Secret, ["user_id"] = "user_emulator" }.ToJsonString(WireFormat.JsonOptions));
    }

    private KeyRecord NewKey(string name)
    {
        string secret = "sk-or-v1-" + RandomHex(32);
        return new KeyRecord(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), secret, _now()) { Name = name };
    }

    private static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string RandomHex(int bytes) => Hex(RandomNumberGenerator.GetBytes(bytes));

#if NET9_0_OR_GREATER
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
#else
    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
#endif

    private static string Label(string secret) => secret.Length > 14 ? $"{secret[..11]}...{secret[^3..]}" : secret;

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Data(JsonObject data) => new JsonObject { ["data"] = data }.ToJsonString(WireFormat.JsonOptions);

    private static (int, string) MethodNotAllowed(string allowed) => Error(405, $"Method not allowed; use {allowed}");

    private static (int, string) Error(int status, string? message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message } }.ToJsonString(WireFormat.JsonOptions));

    private sealed record AuthCode(string Id, string? Challenge, string Method, DateTimeOffset CreatedAt);

    private sealed class KeyRecord(string hash, string secret, DateTimeOffset createdAt)
    {
        public string Hash { get; } = hash;

        public string Secret { get; } = secret;

        public string Label { get; } = EmulatorKeys.Label(secret);

        public required string Name { get; set; }

        public bool Disabled { get; set; }

        public decimal? Limit { get; set; }

        public string? LimitReset { get; set; }

        public bool IncludeByokInLimit { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        public JsonObject ToJson() => new()
        {
            ["hash"] = Hash,
            ["name"] = Name,
            ["label"] = Label,
            ["disabled"] = Disabled,
            ["limit"] = Limit,
            ["limit_remaining"] = Limit,
            ["limit_reset"] = LimitReset,
            ["include_byok_in_limit"] = IncludeByokInLimit,
            ["usage"] = 0,
            ["usage_daily"] = 0,
            ["usage_weekly"] = 0,
            ["usage_monthly"] = 0,
            ["byok_usage"] = 0,
            ["byok_usage_daily"] = 0,
            ["byok_usage_weekly"] = 0,
            ["byok_usage_monthly"] = 0,
            ["created_at"] = Timestamp(createdAt),
            ["updated_at"] = UpdatedAt is { } updated ? Timestamp(updated) : null,
        };
    }
}
