using OpenRouter.Testing;

namespace OpenRouter.Extensions.AI.Tests.Infrastructure;

internal static class RecordedRequestExtensions
{
    /// <summary>Gets the path and query as sent, e.g. <c>/api/v1/keys?offset=2</c>.</summary>
    public static string PathAndQuery(this RecordedRequest request) => request.Path + request.QueryString;
}
