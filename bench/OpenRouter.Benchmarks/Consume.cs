using System.Text;
using Microsoft.Extensions.AI;

namespace OpenRouter.Benchmarks;

/// <summary>The same light consumer for ours and the peer: append every text piece, keep the tool call, count updates.</summary>
internal static class Consume
{
    public static async Task<int> StreamAsync(IChatClient client, IList<ChatMessage> messages, StringBuilder text)
    {
        int updates = 0;
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(messages).ConfigureAwait(false))
        {
            updates++;
            IList<AIContent> contents = update.Contents;
            for (int i = 0; i < contents.Count; i++)
            {
                switch (contents[i])
                {
                    case TextContent t:
                        text.Append(t.Text);
                        break;
                    case FunctionCallContent call:
                        updates += call.Arguments?.Count ?? 0;
                        break;
                }
            }
        }

        return updates;
    }
}
