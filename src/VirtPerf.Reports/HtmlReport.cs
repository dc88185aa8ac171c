using System.Net;
using System.Text;
using Markdig;

namespace VirtPerf.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page to open or attach as a CI artefact: the summary (matrix, verdicts,
/// what each factor costs, testbed and settings) and every plot inline (PNG as data URIs), with no reference to
/// anything outside the file. A small script counts the images that decoded into <c>data-images-loaded</c>, so a
/// headless browser's DOM shows that the page rendered whole.
/// </summary>
public static class HtmlReport
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().Build();

    private const string Style = """
        body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; display: block; overflow-x: auto; }
        th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        figure { margin: 1.5em 0; }
        figure img { max-width: 100%; border: 1px solid #ddd; }
        figcaption { font-size: 0.9em; color: #555; }
        """;

    private const string CountImages = """
        window.addEventListener('load', () => {
          const images = [...document.images];
          document.body.dataset.imagesLoaded = images.filter(i => i.complete && i.naturalWidth > 0).length;
          document.body.dataset.images = images.length;
        });
        """;

    /// <summary>The verdict marks as symbols every common font has: the summary's emoji show as empty boxes where a
    /// browser has no emoji font (Debian's Chromium without fonts-noto-color-emoji).</summary>
    private static string PlainMarks(string markdown) =>
        markdown.Replace("✅", "✓", StringComparison.Ordinal).Replace("❌", "✗", StringComparison.Ordinal)
            .Replace("⚠️", "⚠", StringComparison.Ordinal);

    /// <summary>The page of <paramref name="summaryMarkdown"/> with the PNG files <paramref name="plots"/> inline.</summary>
    public static string Render(string title, string summaryMarkdown, IEnumerable<string> plots)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n");
        html.Append("<script>").Append(CountImages).Append("</script>\n</head>\n<body>\n<main id=\"summary\">\n");
        html.Append(Markdig.Markdown.ToHtml(PlainMarks(summaryMarkdown), Markdown)).Append("</main>\n<section id=\"plots\">\n<h2>Plots</h2>\n");
        foreach (var png in plots.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            var name = WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(png));
            html.Append("<figure id=\"plot-").Append(name).Append("\"><img alt=\"").Append(name).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(File.ReadAllBytes(png))).Append("\"><figcaption>").Append(name).Append("</figcaption></figure>\n");
        }

        return html.Append("</section>\n</body>\n</html>\n").ToString();
    }
}
