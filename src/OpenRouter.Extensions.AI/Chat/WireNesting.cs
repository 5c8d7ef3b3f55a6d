using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpenRouter.Extensions.AI;

// Allocation work on the stream's hot path, measured in bench/ (ContentStreamBenchmarks, ReasoningToolStreamBenchmarks):
// a chunk read in one JsonSerializer call nests four levels (chunk, choices, choice, delta), and the serializer allocates
// its frame stack for every call that nests (~500 B per chunk, as much as the whole chunk object graph). Reading each nested
// object with a call of its own keeps every call one level deep, so no frame stack is allocated. The types and their
// [JsonPropertyName]s are unchanged: these converters only decide where a serializer call starts.

/// <summary>A nested wire object read (and written) by a serializer call of its own; anything but an object reads as <see langword="null"/>.</summary>
/// <typeparam name="T">The wire type, registered in <see cref="OpenRouterJsonContext"/>.</typeparam>
internal sealed class WireObjectConverter<T> : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}

/// <summary>An array of wire objects, each read by a serializer call of its own (elements that are not objects are skipped).</summary>
/// <typeparam name="T">The element type, registered in <see cref="OpenRouterJsonContext"/>.</typeparam>
internal sealed class WireObjectListConverter<T> : JsonConverter<List<T>>
    where T : class
{
    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var list = new List<T>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            list.Add(JsonSerializer.Deserialize(ref reader, element)!);
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
    {
        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (T item in value)
        {
            JsonSerializer.Serialize(writer, item, element);
        }

        writer.WriteEndArray();
    }
}
