using System.Text.RegularExpressions;
using VirtPerf.Cli;

namespace VirtPerf.Reports.Tests;

public sealed class HtmlReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void The_page_holds_every_section_and_plot_and_refers_to_nothing_outside_itself()
    {
        using var run = new SyntheticRun();

        ReportWriter.Write(RunReport.Load(run.Folder));
        var html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));

        html.Should().Contain("<main id=\"summary\">").And.Contain("id=\"verdicts\"").And.Contain("id=\"what-each-factor-costs\"")
            .And.Contain("id=\"testbed-and-settings\"").And.Contain("<section id=\"plots\">").And.Contain("id=\"plot-overhead-TCP_RR\"");
        Regex.Matches(html, "(src|href)=\"(?!data:|#)").Should().BeEmpty("the page is self-contained: no file, host or CDN to fetch");
        File.ReadAllText(Path.Combine(run.Folder, "summary.md")).Should().Contain("- [overhead-TCP_RR](plots/overhead-TCP_RR.png)");
    }

    [SkippableFact]
    public async Task A_real_headless_browser_renders_the_page_whole_without_network()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed: scripts/setup.sh installs Debian's chromium");
        using var run = new SyntheticRun();
        ReportWriter.Write(RunReport.Load(run.Folder));
        var profile = Directory.CreateTempSubdirectory("vnp-chromium-").FullName;
        try
        {
            // No network: the flags keep Chromium's own background connections off; the page has none to make.
            var dom = await Tool.RunAsync(Chromium, [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--proxy-server=http://0.0.0.0:9", $"--user-data-dir={profile}",
                "--virtual-time-budget=5000", "--dump-dom", new Uri(Path.Combine(run.Folder, "report.html")).AbsoluteUri]);

            var images = Regex.Match(dom.StandardOutput, "data-images=\"(\\d+)\"").Groups[1].Value;
            images.Should().NotBeEmpty("the page's script ran on load").And.NotBe("0");
            dom.StandardOutput.Should().Contain($"data-images-loaded=\"{images}\"", "every inline plot decoded")
                .And.Contain("<h2 id=\"what-each-factor-costs\">").And.Contain("<h2 id=\"verdicts\">").And.Contain("<table>");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
