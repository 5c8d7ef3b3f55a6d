namespace OpenRouter.Extensions.AI;

/// <summary>How an endpoint address is printed (messages, <c>ToString()</c>): never with the user info an address may carry.</summary>
internal static class EndpointText
{
    /// <summary>The address as <c>scheme://host[:port]/path</c>, without user info, query or fragment.</summary>
    /// <param name="address">The address; a relative one is printed as it is.</param>
    /// <returns>The text.</returns>
    public static string Describe(Uri address) =>
        address.IsAbsoluteUri
            ? address.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : address.OriginalString;

    /// <summary>The address's scheme, host and port only (<c>https://openrouter.ai</c>), without user info.</summary>
    /// <param name="address">The absolute address.</param>
    /// <returns>The text.</returns>
    public static string Authority(Uri address) => address.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    /// <summary>The address without its user info (for an address handed to a browser).</summary>
    /// <param name="address">The absolute address.</param>
    /// <returns>The address, or a copy without user info.</returns>
    public static Uri WithoutUserInfo(Uri address) =>
        address.IsAbsoluteUri && address.UserInfo.Length > 0 ? new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri : address;
}
