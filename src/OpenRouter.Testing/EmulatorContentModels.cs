namespace OpenRouter.Testing;

/// <summary>
/// A <c>url_citation</c> annotation of a scripted answer, as OpenRouter sends for web search results
/// (<c>message.annotations</c>, or <c>delta.annotations</c> chunks before the content when streaming).
/// </summary>
/// <param name="Url">The cited address.</param>
/// <param name="Title">The page title.</param>
/// <param name="Content">The cited text (web search sends it; some providers do not).</param>
/// <param name="StartIndex">The start of the cited span in the answer text; 0 with <paramref name="EndIndex"/> 0 when unknown.</param>
/// <param name="EndIndex">The end (exclusive) of the cited span.</param>
public sealed record EmulatorCitation(string Url, string? Title = null, string? Content = null, int StartIndex = 0, int EndIndex = 0);

/// <summary>A generated image of a scripted answer (<c>message.images</c> / <c>delta.images</c>).</summary>
public sealed record EmulatorImage
{
    private EmulatorImage(string url) => Url = url;

    /// <summary>Gets the <c>image_url.url</c>: a <c>data:</c> URI or an address.</summary>
    public string Url { get; }

    /// <summary>Creates an image sent inline as a <c>data:</c> URI, as image models do.</summary>
    /// <param name="data">The image bytes.</param>
    /// <param name="mediaType">The media type, for example <c>image/png</c>.</param>
    /// <returns>The image.</returns>
    public static EmulatorImage FromBytes(ReadOnlySpan<byte> data, string mediaType = "image/png")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        return new EmulatorImage($"data:{mediaType};base64,{Convert.ToBase64String(data)}");
    }

    /// <summary>Creates an image sent as an address.</summary>
    /// <param name="url">The absolute address.</param>
    /// <returns>The image.</returns>
    public static EmulatorImage FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new EmulatorImage(url.AbsoluteUri);
    }
}
