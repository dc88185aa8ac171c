using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Reports;

/// <summary>What every plot of a run shares: size, fonts, colours, category ticks and min-max whiskers.</summary>
internal static class PlotLayout
{
    /// <summary>Width of a saved plot in pixels.</summary>
    public const int Width = 1000;

    /// <summary>Height of a saved plot in pixels.</summary>
    public const int Height = 600;

    private const float TickLabelRotation = -30;

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    // From the techniques' descriptions: bare metal black; virtio blues, vhost green and brown, OSv purple and pink,
    // Docker red and orange, kept apart so that the techniques the study found closest stay distinguishable.
    private static readonly Dictionary<string, Color> TechniqueColors =
        Fixtures.Techniques.TechniqueCatalog.All.ToDictionary(t => t.Name, t => Color.FromHex(t.Colour), StringComparer.Ordinal);

    private static readonly MarkerShape[] PairedMarkers =
        [MarkerShape.OpenTriangleUp, MarkerShape.OpenSquare, MarkerShape.OpenDiamond, MarkerShape.OpenTriangleDown, MarkerShape.Cross];

    /// <summary>One bar of a group at <paramref name="position"/>: series <paramref name="series"/>'s colour, a small
    /// gap to its neighbours, no outline.</summary>
    public static Bar GroupedBar(double position, double value, double width, int series) =>
        new() { Position = position, Value = value, Size = width * 0.92, FillColor = Series(series), LineWidth = 0 };

    /// <summary>A plot with its title and axis labels set.</summary>
    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 18);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>How many iterations the plotted measurements have: <c>5</c>, or <c>5-10</c> when they differ.</summary>
    public static string IterationCount(IEnumerable<Measurement> measurements)
    {
        var counts = measurements.Select(m => m.Iterations.Count).ToList();
        var (least, most) = (counts.Min(), counts.Max());
        return least == most ? least.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{least}-{most}");
    }

    /// <summary>The colour of the <paramref name="index"/>th series (a statistic or a metric).</summary>
    public static Color Series(int index) => Palette.GetColor(index);

    /// <summary>The colour of a technique, the same in every plot; grey for one the study did not name.</summary>
    public static Color Technique(string technique) => TechniqueColors.GetValueOrDefault(technique, Colors.Gray);

    /// <summary>The marker of the <paramref name="index"/>th paired bare-metal series of a plot: all are black, so
    /// they differ by their markers (not by dashes, which make Skia's SVG writer print "Unsupported path effect").</summary>
    public static MarkerShape PairedMarker(int index) => PairedMarkers[index % PairedMarkers.Length];

    /// <summary>Names the bottom axis' ticks 0, 1, ... after <paramref name="names"/>, slanted when they would
    /// not fit side by side, and hides the vertical grid lines that would cut through the bar groups.</summary>
    public static void CategoryTicks(Plot plot, IReadOnlyList<string> names)
    {
        var ticks = new NumericManual();
        for (var i = 0; i < names.Count; i++)
        {
            ticks.AddMajor(i, names[i]);
        }

        var axis = plot.Axes.Bottom;
        axis.TickGenerator = ticks;
        plot.Grid.XAxisStyle.IsVisible = false;
        using var paint = Paint.NewDisposablePaint();
        var widest = names.Count == 0 ? 0 : names.Max(n => axis.TickLabelStyle.Measure(n, paint).Width);
        if (widest * names.Count > Width * 0.7)
        {
            axis.TickLabelStyle.Rotation = TickLabelRotation;
            axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
            axis.MinimumSize = (widest * MathF.Sin(-TickLabelRotation * MathF.PI / 180)) + 30;

            // The first label reaches left of its tick, past the data area: keep room for it.
            plot.Axes.Left.MinimumSize = (widest * MathF.Cos(TickLabelRotation * MathF.PI / 180)) - 30;
        }

        // At least three slots wide, so that one or two groups do not swell into slabs.
        var (centre, half) = ((names.Count - 1) / 2.0, (Math.Max(names.Count, 3) / 2.0) + 0.1);
        plot.Axes.SetLimitsX(centre - half, centre + half);
    }

    /// <summary>Adds whiskers from <c>Low</c> to <c>High</c> at each point, the study's min-max error bars.</summary>
    public static void Whiskers(Plot plot, IReadOnlyList<(double X, double Y, double Low, double High)> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        var whiskers = plot.Add.ErrorBar(
            points.Select(p => p.X).ToList(), points.Select(p => p.Y).ToList(), points.Select(_ => 0.0).ToList());
        whiskers.YErrorPositive = points.Select(p => Math.Max(p.High - p.Y, 0)).ToList();
        whiskers.YErrorNegative = points.Select(p => Math.Max(p.Y - p.Low, 0)).ToList();
        whiskers.Color = Colors.Black;
        whiskers.LineWidth = 1.5f;
        whiskers.CapSize = 6;
    }

    /// <summary>Where an overhead of <paramref name="percent"/> sits on a log cost axis: log10 of the cost ratio
    /// (<see cref="Assertions.Statistics.Overhead.CostRatio"/>), kept within 0.01x-10000x so that a stream that delivered
    /// nothing (an "infinite" cost) does not flatten the rest.</summary>
    public static double LogCost(Metric metric, double percent) =>
        Math.Clamp(Math.Log10(Assertions.Statistics.Overhead.CostRatio(metric, percent)), -2, 4);

    /// <summary>Labels the left axis of values from <see cref="LogCost"/> as multiples of bare metal's cost: decades
    /// (1x, 10x, 100x) with log-spaced minor ticks when the data span one or more (containers at 1.2x beside TCG guests
    /// at 50x), finer steps (1.12x, 1.26x) when they do not. Call it once the data are added.</summary>
    public static void LogCostAxis(Plot plot)
    {
        var limits = plot.Axes.GetDataLimits();
        var decades = limits.Top - limits.Bottom >= 1;
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            LabelFormatter = y => string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, y):0.##}x"),
            MinorTickGenerator = decades ? new LogMinorTickGenerator() : new EvenlySpacedMinorTickGenerator(5),
            IntegerTicksOnly = decades,
        };
    }

    /// <summary>Ticks of a log10 axis from <paramref name="low"/> to <paramref name="high"/> (in log10 units): labels
    /// at 1, 2 and 5 of each decade (1, 2, 3, 5 and 7 within about a decade, every digit within half of one, so that
    /// "9,000" and "10,000" do not run into each other), minor ticks at the other digits; labelled by
    /// <paramref name="label"/>, by default as 0.05 or 2,000.</summary>
    public static NumericManual LogTicks(double low, double high, Func<double, string>? label = null)
    {
        var ticks = new NumericManual();
        int[] labelled = high - low < 0.6 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : high - low < 1.2 ? [1, 2, 3, 5, 7] : [1, 2, 5];
        for (var decade = (int)Math.Floor(low); decade <= (int)Math.Ceiling(high); decade++)
        {
            for (var digit = 1; digit <= 9; digit++)
            {
                var value = digit * Math.Pow(10, decade);
                var position = Math.Log10(value);
                if (position < low || position > high)
                {
                    continue;
                }

                if (labelled.Contains(digit))
                {
                    ticks.AddMajor(position, label?.Invoke(value) ?? value.ToString(value < 1 ? "0.###" : "#,0", CultureInfo.InvariantCulture));
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }

        return ticks;
    }

    /// <summary>A legend entry of a filled box.</summary>
    public static LegendItem Box(string label, Color color) => new() { LabelText = label, FillColor = color };

    /// <summary>The legend entry that explains the whiskers.</summary>
    public static LegendItem WhiskerItem() =>
        new() { LabelText = "whiskers: min-max iteration", LineColor = Colors.Black, LineWidth = 1.5f };

    /// <summary>Shows only <paramref name="items"/> as the legend, in a row below the plot, clear of the bars.</summary>
    public static void LegendBelow(Plot plot, IEnumerable<LegendItem> items)
    {
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
    }
}
