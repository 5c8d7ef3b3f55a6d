using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpenRouter.Testing;

/// <summary>
/// Builds a JSON instance that satisfies a (simple) JSON schema, taking values from a prompt where they fit: a
/// capitalized word for name-like strings, the first number for numbers, a mentioned enum value, and so on.
/// </summary>
internal sealed partial class SchemaInstance
{
    private const int MaxDepth = 12;

    private static readonly string[] NameLike =
    [
        "city", "location", "place", "country", "name", "person", "user", "company", "destination", "origin", "from", "to",
        "author", "region", "state", "address", "town", "recipient", "owner", "team", "customer", "airport", "station",
    ];

    private static readonly string[] TextLike =
    [
        "query", "search", "text", "prompt", "question", "message", "content", "input", "body", "sentence", "expression", "term", "keywords",
    ];

    private readonly JsonNode? _root;
    private readonly string _prompt;
    private readonly bool _forToolArguments;
    private readonly List<string> _capitalized;
    private readonly List<string> _quoted;
    private readonly List<string> _keywords;
    private readonly List<string> _numbers;
    private int _nextCapitalized;
    private int _nextQuoted;
    private int _nextKeyword;
    private int _nextNumber;

    private SchemaInstance(JsonNode? root, string prompt, bool forToolArguments)
    {
        _root = root;
        _prompt = prompt.Trim();
        _forToolArguments = forToolArguments;
        _quoted = [.. QuotedRegex().Matches(prompt).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];
        _numbers = [.. NumberRegex().Matches(prompt).Select(m => m.Value)];
        _capitalized = [.. CapitalizedCandidates(prompt)];
        _keywords = [.. DemoScript.Words(prompt).Where(w => w.Length > 2 && !IsStopWord(w) && !char.IsDigit(w[0]))];
    }

    /// <summary>Generates an instance of <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema; <see langword="null"/> yields an empty object.</param>
    /// <param name="prompt">The text that values are taken from.</param>
    /// <param name="forToolArguments">When <see langword="true"/>, optional properties are only set when the prompt supplies a value.</param>
    public static JsonNode? Generate(JsonNode? schema, string prompt, bool forToolArguments)
    {
        if (schema is null)
        {
            return new JsonObject();
        }

        return new SchemaInstance(schema, prompt, forToolArguments).Build(schema, propertyName: null, depth: 0, optional: false, out _);
    }

    /// <summary>Builds a value; <paramref name="fromPrompt"/> tells whether the prompt supplied it.</summary>
    private JsonNode? Build(JsonNode? schema, string? propertyName, int depth, bool optional, out bool fromPrompt)
    {
        fromPrompt = false;
        if (depth > MaxDepth)
        {
            return null;
        }

        schema = Resolve(schema, depth);
        if (schema is not JsonObject s)
        {
            return JsonValue.Create("emulator");
        }

        if (s.TryGetPropertyValue("const", out JsonNode? constant))
        {
            return constant?.DeepClone();
        }

        if (s["enum"] is JsonArray { Count: > 0 } values)
        {
            foreach (JsonNode? value in values)
            {
                if (value is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0
                    && _prompt.Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    fromPrompt = true;
                    return value.DeepClone();
                }
            }

            return values[0]?.DeepClone();
        }

        foreach (string combinator in (string[])["anyOf", "oneOf"])
        {
            if (s[combinator] is JsonArray { Count: > 0 } branches)
            {
                JsonNode? branch = branches.FirstOrDefault(b => SchemaType(Resolve(b, depth + 1)) != "null") ?? branches[0];
                return Build(branch, propertyName, depth + 1, optional, out fromPrompt);
            }
        }

        if (s["allOf"] is JsonArray { Count: > 0 } parts)
        {
            return Build(MergeAllOf(s, parts, depth), propertyName, depth + 1, optional, out fromPrompt);
        }

        switch (SchemaType(s))
        {
            case "object":
                return BuildObject(s, depth);
            case "array":
                int count = Math.Max(1, GetInt(s, "minItems") ?? 1);
                var array = new JsonArray();
                for (int i = 0; i < count; i++)
                {
                    array.Add(Build(s["items"], propertyName, depth + 1, optional, out fromPrompt));
                }

                return array;
            case "integer":
            case "number":
                return BuildNumber(s, SchemaType(s) == "integer", out fromPrompt);
            case "boolean":
                return JsonValue.Create(true);
            case "null":
                return null;
            default:
                return JsonValue.Create(BuildString(s, propertyName, out fromPrompt));
        }
    }

    private JsonObject BuildObject(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema["required"] is JsonArray requiredNames)
        {
            foreach (JsonNode? name in requiredNames)
            {
                if (name is JsonValue v && v.TryGetValue(out string? text))
                {
                    required.Add(text);
                }
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (KeyValuePair<string, JsonNode?> property in properties)
            {
                bool isRequired = required.Contains(property.Key);
                JsonNode? value = Build(property.Value, property.Key, depth + 1, !isRequired, out bool fromPrompt);
                if (isRequired || !_forToolArguments || fromPrompt)
                {
                    result[property.Key] = value;
                }
            }
        }

        return result;
    }

    private JsonValue BuildNumber(JsonObject schema, bool integer, out bool fromPrompt)
    {
        double? minimum = GetDouble(schema, "minimum") ?? GetDouble(schema, "exclusiveMinimum") + (integer ? 1 : 0.5);
        double? maximum = GetDouble(schema, "maximum") ?? GetDouble(schema, "exclusiveMaximum") - (integer ? 1 : 0.5);
        double value;
        fromPrompt = false;
        if (_nextNumber < _numbers.Count && double.TryParse(_numbers[_nextNumber], NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
        {
            _nextNumber++;
            value = parsed;
            fromPrompt = true;
        }
        else
        {
            value = minimum ?? (maximum is { } max && max < 1 ? max : 1);
        }

        if (minimum is { } lo && value < lo)
        {
            value = lo;
        }

        if (maximum is { } hi && value > hi)
        {
            value = hi;
        }

        if (integer)
        {
            return JsonValue.Create((long)Math.Round(value, MidpointRounding.AwayFromZero));
        }

        return JsonValue.Create(value);
    }

    private string BuildString(JsonObject schema, string? propertyName, out bool fromPrompt)
    {
        fromPrompt = false;
        string name = (propertyName ?? string.Empty).ToLowerInvariant();
        string format = schema["format"] is JsonValue f && f.TryGetValue(out string? ft) ? ft : string.Empty;
        string? value;

        if (format == "date-time" || name.EndsWith("datetime", StringComparison.Ordinal) || name.EndsWith("timestamp", StringComparison.Ordinal))
        {
            Match date = DateRegex().Match(_prompt);
            fromPrompt = date.Success;
            value = date.Success ? date.Value + "T00:00:00Z" : "2025-01-01T00:00:00Z";
        }
        else if (format == "date" || name == "date" || name.EndsWith("_date", StringComparison.Ordinal))
        {
            Match date = DateRegex().Match(_prompt);
            fromPrompt = date.Success;
            value = date.Success ? date.Value : "2025-01-01";
        }
        else if (format == "email" || name.Contains("email", StringComparison.Ordinal))
        {
            Match email = EmailRegex().Match(_prompt);
            fromPrompt = email.Success;
            value = email.Success ? email.Value : "emulator@example.com";
        }
        else if (format is "uri" or "url" || name.Contains("url", StringComparison.Ordinal) || name.Contains("uri", StringComparison.Ordinal))
        {
            Match url = UrlRegex().Match(_prompt);
            fromPrompt = url.Success;
            value = url.Success ? url.Value : "https://example.com/";
        }
        else if (format == "uuid")
        {
            value = "00000000-0000-0000-0000-000000000000";
        }
        else if (NameLike.Any(n => NameMatches(name, n)))
        {
            value = Next(_capitalized, ref _nextCapitalized) ?? Next(_quoted, ref _nextQuoted) ?? Next(_keywords, ref _nextKeyword);
            fromPrompt = value is not null;
        }
        else if (TextLike.Any(n => NameMatches(name, n)))
        {
            value = Next(_quoted, ref _nextQuoted) ?? (_prompt.Length > 0 ? _prompt : null);
            fromPrompt = value is not null;
        }
        else
        {
            value = Next(_quoted, ref _nextQuoted) ?? Next(_capitalized, ref _nextCapitalized) ?? Next(_keywords, ref _nextKeyword);
            fromPrompt = value is not null;
        }

        value ??= "emulator";
        int? minLength = GetInt(schema, "minLength");
        int? maxLength = GetInt(schema, "maxLength");
        if (minLength is { } min && value.Length < min)
        {
            value = value.PadRight(min, 'x');
        }

        if (maxLength is { } max && max >= 0 && value.Length > max)
        {
            value = value[..max];
        }

        return value;
    }

    private static bool NameMatches(string propertyName, string word) =>
        propertyName == word
        || propertyName.StartsWith(word + "_", StringComparison.Ordinal)
        || propertyName.EndsWith("_" + word, StringComparison.Ordinal)
        || (word.Length > 3 && propertyName.Contains(word, StringComparison.Ordinal));

    private static string? Next(List<string> values, ref int index) => index < values.Count ? values[index++] : null;

    private JsonNode? Resolve(JsonNode? schema, int depth)
    {
        for (int hops = 0; hops < MaxDepth - depth && schema?["$ref"] is JsonValue r && r.TryGetValue(out string? reference); hops++)
        {
            if (!reference.StartsWith('#'))
            {
                return null;
            }

            JsonNode? target = _root;
            foreach (string segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                string key = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                target = target is JsonObject o ? o[key] : null;
            }

            schema = target;
        }

        return schema;
    }

    private JsonObject MergeAllOf(JsonObject schema, JsonArray parts, int depth)
    {
        var merged = new JsonObject { ["type"] = "object" };
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (JsonNode? part in parts.Prepend(schema))
        {
            if (Resolve(part, depth) is not JsonObject p)
            {
                continue;
            }

            if (p["properties"] is JsonObject props)
            {
                foreach (KeyValuePair<string, JsonNode?> prop in props)
                {
                    properties[prop.Key] = prop.Value?.DeepClone();
                }
            }

            if (p["required"] is JsonArray req)
            {
                foreach (JsonNode? name in req)
                {
                    required.Add(name?.DeepClone());
                }
            }
        }

        merged["properties"] = properties;
        merged["required"] = required;
        return merged;
    }

    private static string SchemaType(JsonNode? schema)
    {
        if (schema is not JsonObject s)
        {
            return "string";
        }

        switch (s["type"])
        {
            case JsonValue value when value.TryGetValue(out string? type):
                return type;
            case JsonArray types:
                string? first = types.Select(t => t is JsonValue v && v.TryGetValue(out string? x) ? x : null).FirstOrDefault(x => x is not null && x != "null");
                return first ?? "null";
        }

        if (s.ContainsKey("properties"))
        {
            return "object";
        }

        return s.ContainsKey("items") ? "array" : "string";
    }

    private static int? GetInt(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : null;

    private static double? GetDouble(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private static bool IsStopWord(string word) => word is "the" or "and" or "for" or "with" or "what" or "what's" or "whats" or "please"
        or "tell" or "give" or "about" or "from" or "this" or "that" or "how" or "who" or "when" or "where" or "which" or "can" or "you"
        or "your" or "are" or "is" or "was" or "get" or "like" or "today" or "now" or "could" or "would";

    /// <summary>Capitalized words (and runs of them, such as "New York") that do not merely start a sentence.</summary>
    private static IEnumerable<string> CapitalizedCandidates(string prompt)
    {
        var found = new List<string>();
        var sentenceStarts = new List<string>();
        foreach (Match match in CapitalizedRunRegex().Matches(prompt))
        {
            string run = match.Value;
            bool atSentenceStart = IsSentenceStart(prompt, match.Index);
            if (atSentenceStart)
            {
                // "Paris is nice": keep a single leading word only as a fallback; drop the first word of a longer run.
                int space = run.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0)
                {
                    sentenceStarts.Add(run);
                    continue;
                }

                run = run[(space + 1)..];
            }

            if (run is "I" || IsStopWord(run.ToLowerInvariant()))
            {
                continue;
            }

            found.Add(run);
        }

        return found.Count > 0 ? found : sentenceStarts.Where(w => w != "I" && !IsStopWord(w.ToLowerInvariant()) && !DemoQuestionWord(w));
    }

    private static bool DemoQuestionWord(string word) => word is "What" or "How" or "Who" or "When" or "Where" or "Which" or "Why"
        or "Please" or "Tell" or "Give" or "Can" or "Could" or "Is" or "Are" or "Do" or "Does" or "Find" or "Show" or "Get" or "Hi" or "Hello";

    private static bool IsSentenceStart(string text, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '(')
            {
                continue;
            }

            return c is '.' or '!' or '?' or '\n' or ':';
        }

        return true;
    }

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{N}'-]*(?:\s+\p{Lu}[\p{L}\p{N}'-]*)*")]
    private static partial Regex CapitalizedRunRegex();

    [GeneratedRegex("\"([^\"]+)\"|“([^”]+)”")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex UrlRegex();
}
