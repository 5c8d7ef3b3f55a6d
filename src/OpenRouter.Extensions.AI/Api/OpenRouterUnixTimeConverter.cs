using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenRouter.Extensions.AI;

/// <summary>Reads a Unix time in seconds (a JSON number, possibly fractional, or a numeric string) as a UTC <see cref="DateTimeOffset"/>.</summary>
internal sealed class OpenRouterUnixTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        decimal seconds = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.String when decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal parsed) => parsed,
            _ => throw new JsonException($"Expected a Unix time in seconds, got {reader.TokenType}."),
        };

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1000m));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw new JsonException($"{seconds} is not a valid Unix time.", ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }
}
