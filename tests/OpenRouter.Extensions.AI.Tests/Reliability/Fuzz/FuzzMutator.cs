using System.Text;
using CsCheck;

namespace OpenRouter.Extensions.AI.Tests.Reliability.Fuzz;

/// <summary>The kinds of damage a fuzz case does to a fixture.</summary>
internal enum MutationKind
{
    Truncate,
    Splice,
    FlipByte,
    InvalidUtf8,
    DuplicateKey,
    WrongType,
    DeleteCharacters,
    InsertDataLine,
    HugeNumber,
}

/// <summary>One mutation: a kind and two random numbers that choose where and what.</summary>
internal readonly record struct Mutation(MutationKind Kind, int A, int B)
{
    public override string ToString() => $"{Kind}({A},{B})";
}

/// <summary>One fuzz input: a fixture (by index), a second fixture to splice from, and the mutations applied in order.</summary>
internal sealed record FuzzCase(int Fixture, int Other, Mutation[] Mutations, int ChunkSize, int Status)
{
    public override string ToString() =>
        $"Fixture={Fixture} Other={Other} Chunk={ChunkSize} Status={Status} Mutations=[{string.Join(", ", Mutations)}]";
}

/// <summary>
/// Mutates UTF-8 JSON documents and server-sent-event streams the ways a broken proxy, a buggy provider or a cut
/// connection would: truncation, splicing, flipped bytes, invalid UTF-8, duplicate keys, values of the wrong type,
/// deleted characters, stray <c>data:</c> lines and numbers no .NET type holds.
/// </summary>
internal static class FuzzMutator
{
    /// <summary>How many cases each fuzz test runs: <c>OPENROUTER_FUZZ_ITERATIONS</c>, or 400.</summary>
    public static long Iterations =>
        long.TryParse(Environment.GetEnvironmentVariable("OPENROUTER_FUZZ_ITERATIONS"), out long n) && n > 0 ? n : 400;

    /// <summary>A fixed seed to replay (<c>OPENROUTER_FUZZ_SEED</c>, printed by CsCheck on failure), or <see langword="null"/>.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("OPENROUTER_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    private static readonly string[] Keys =
    [
        "id", "model", "provider", "created", "choices", "delta", "message", "content", "reasoning", "refusal", "tool_calls",
        "function", "arguments", "name", "index", "usage", "prompt_tokens", "completion_tokens", "cost", "error", "code",
        "metadata", "finish_reason", "reasoning_details", "data", "type", "text", "pricing", "context_length", "limit",
        "usage_daily", "rate_limit", "endpoints", "is_free_tier", "prompt", "architecture", "top_provider", "created_at",
    ];

    private static readonly string[] WrongValues =
    [
        "null", "0", "-1", "1.5", "\"\"", "\"x\"", "\"123\"", "true", "false", "{}", "[]", "[null]", "{\"a\":1}", "[1,\"a\",{}]",
        "1e400", "-1e400", "123456789012345678901234567890", "-9223372036854775809", "18446744073709551616",
        "79228162514264337593543950336", "1E-400", "0.0000000000000000000000000000001", "253402300800", "-62135596801",
        "\"\\ud800\"", "\"\\u0000\"", "2147483648", "-2147483649", "1.7976931348623157e308",
    ];

    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1e308", "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
        "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "4.9e-325", "253402300800", "-62135596801",
        "79228162514264337593543950336", "2147483648", "1" + new string('0', 400),
    ];

    private static readonly string[] DataLines =
    [
        "data: ", "data:", "data: [DONE]", "data: {}", "data: null", "data: []", "data: {\"choices\":null}", "data: \"text\"",
        "data: {\"error\":{\"code\":\"x\",\"message\":\"boom\"}}", "data: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}",
        "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":-1,\"function\":{\"arguments\":\"{\"}}]}}]}", "data: {", "data: 1e400",
        "event: error", "id: 5", "retry: abc", "retry: 99999999999999999999", ": comment", "data: {\"usage\":{\"cost\":1e400}}",
        "data: {\"created\":1e400}", "data: {\"created\":99999999999999}",
    ];

    /// <summary>A generator of fuzz cases over <paramref name="fixtureCount"/> fixtures.</summary>
    public static Gen<FuzzCase> Cases(int fixtureCount)
    {
        Gen<Mutation> mutation = Gen.Select(
            Gen.Int[0, Enum.GetValues<MutationKind>().Length - 1],
            Gen.Int[0, int.MaxValue],
            Gen.Int[0, int.MaxValue],
            (kind, a, b) => new Mutation((MutationKind)kind, a, b));
        Gen<int> status = Gen.Frequency((12, (IGen<int>)Gen.Const(200)), (1, Gen.OneOf(400, 401, 402, 408, 429, 500, 502, 503)));
        return Gen.Select(
            Gen.Int[0, fixtureCount - 1],
            Gen.Int[0, fixtureCount - 1],
            mutation.Array[1, 4],
            Gen.OneOf(0, 1, 7, 64, 4096),
            status,
            (fixture, other, mutations, chunk, code) => new FuzzCase(fixture, other, mutations, chunk, code));
    }

    /// <summary>Applies the mutations of <paramref name="fuzzCase"/> to <paramref name="fixtures"/>[Fixture].</summary>
    public static byte[] Apply(FuzzCase fuzzCase, IReadOnlyList<byte[]> fixtures)
    {
        byte[] bytes = fixtures[fuzzCase.Fixture];
        foreach (Mutation m in fuzzCase.Mutations)
        {
            bytes = Apply(m, bytes, fixtures[fuzzCase.Other]);
        }

        return bytes;
    }

    private static byte[] Apply(Mutation m, byte[] input, byte[] other)
    {
        int len = input.Length;
        switch (m.Kind)
        {
            case MutationKind.Truncate:
                return input[..(len == 0 ? 0 : m.A % len)];
            case MutationKind.Splice:
                int cut = len == 0 ? 0 : m.A % len;
                int from = other.Length == 0 ? 0 : m.B % other.Length;
                return [.. input.AsSpan(0, cut), .. other.AsSpan(from)];
            case MutationKind.FlipByte:
                if (len == 0)
                {
                    return input;
                }

                byte[] flipped = (byte[])input.Clone();
                flipped[m.A % len] ^= (byte)((m.B & 0xFF) | 1);
                return flipped;
            case MutationKind.InvalidUtf8:
                byte[][] bad = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0xAF], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]];
                int at = StringInteriorOrAny(input, m.A);
                return [.. input.AsSpan(0, at), .. bad[m.B % bad.Length], .. input.AsSpan(at)];
            case MutationKind.DuplicateKey:
                return InsertMember(input, m.A, $"\"{Keys[m.B % Keys.Length]}\":{WrongValues[(m.B / Keys.Length) % WrongValues.Length]},");
            case MutationKind.WrongType:
                return ReplaceValue(input, m.A, WrongValues[m.B % WrongValues.Length]);
            case MutationKind.DeleteCharacters:
                if (len == 0)
                {
                    return input;
                }

                int start = m.A % len;
                int count = Math.Min(len - start, 1 + (m.B % 8));
                return [.. input.AsSpan(0, start), .. input.AsSpan(start + count)];
            case MutationKind.InsertDataLine:
                int line = LineStart(input, m.A);
                byte[] text = Encoding.UTF8.GetBytes(DataLines[m.B % DataLines.Length] + ((m.B / DataLines.Length) % 2 == 0 ? "\n\n" : "\n"));
                return [.. input.AsSpan(0, line), .. text, .. input.AsSpan(line)];
            case MutationKind.HugeNumber:
                return ReplaceNumber(input, m.A, HugeNumbers[m.B % HugeNumbers.Length]);
            default:
                throw new ArgumentOutOfRangeException(nameof(m));
        }
    }

    /// <summary>Inserts <paramref name="member"/> right after a random <c>{</c> (falls back to a random position).</summary>
    private static byte[] InsertMember(byte[] input, int seed, string member)
    {
        List<int> braces = Positions(input, static b => b == (byte)'{');
        int at = braces.Count == 0 ? (input.Length == 0 ? 0 : seed % input.Length) : braces[seed % braces.Count] + 1;
        return [.. input.AsSpan(0, at), .. Encoding.UTF8.GetBytes(member), .. input.AsSpan(at)];
    }

    /// <summary>Replaces the value after a random <c>":</c> (a member value) with <paramref name="value"/>.</summary>
    private static byte[] ReplaceValue(byte[] input, int seed, string value)
    {
        List<int> colons = Positions(input, static b => b == (byte)':');
        if (colons.Count == 0)
        {
            return input;
        }

        int colon = colons[seed % colons.Count];
        int start = colon + 1;
        int end = SkipJsonValue(input, start);
        return [.. input.AsSpan(0, start), .. Encoding.UTF8.GetBytes(value), .. input.AsSpan(end)];
    }

    /// <summary>Replaces a random number token with <paramref name="number"/>, or inserts one as a member.</summary>
    private static byte[] ReplaceNumber(byte[] input, int seed, string number)
    {
        var starts = new List<int>();
        for (int i = 1; i < input.Length; i++)
        {
            if ((input[i] is (byte)'-' || char.IsAsciiDigit((char)input[i])) && input[i - 1] is (byte)':' or (byte)'[' or (byte)',' or (byte)' ')
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return InsertMember(input, seed, $"\"created\":{number},");
        }

        int start = starts[seed % starts.Count];
        int end = start;
        while (end < input.Length && (char.IsAsciiDigit((char)input[end]) || input[end] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'))
        {
            end++;
        }

        return [.. input.AsSpan(0, start), .. Encoding.UTF8.GetBytes(number), .. input.AsSpan(end)];
    }

    /// <summary>The end of the JSON value starting at <paramref name="start"/> (balanced brackets, strings skipped), best effort.</summary>
    private static int SkipJsonValue(byte[] input, int start)
    {
        int i = start;
        while (i < input.Length && input[i] == (byte)' ')
        {
            i++;
        }

        int depth = 0;
        bool inString = false;
        for (; i < input.Length; i++)
        {
            byte b = input[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case (byte)',' or (byte)'\n' when depth == 0:
                    return i;
            }
        }

        return input.Length;
    }

    private static int StringInteriorOrAny(byte[] input, int seed)
    {
        List<int> quotes = Positions(input, static b => b == (byte)'"');
        if (quotes.Count > 0 && seed % 3 != 0)
        {
            return quotes[seed % quotes.Count] + 1;
        }

        return input.Length == 0 ? 0 : seed % (input.Length + 1);
    }

    private static int LineStart(byte[] input, int seed)
    {
        List<int> lines = Positions(input, static b => b == (byte)'\n');
        return lines.Count == 0 ? (seed % 2 == 0 ? 0 : input.Length) : lines[seed % lines.Count] + 1;
    }

    private static List<int> Positions(byte[] input, Func<byte, bool> match)
    {
        var positions = new List<int>();
        for (int i = 0; i < input.Length; i++)
        {
            if (match(input[i]))
            {
                positions.Add(i);
            }
        }

        return positions;
    }
}
