using VirtPerf.Reports;

// Reports of VirtNetPerf runs. Usage:
//   render FOLDER             writes FOLDER/results.csv, FOLDER/summary.md and FOLDER/plots/ (PNG, SVG)
//   compare BEFORE AFTER      prints compare.md for two results folders (and writes it to AFTER/compare.md)
const string usage = "Usage: VirtPerf.Reports render FOLDER | compare BEFORE AFTER   (e.g. render results/latest)";
try
{
    switch (args)
    {
        case ["render", var folder]:
            foreach (var file in ReportWriter.Write(RunReport.Load(folder)))
            {
                Console.WriteLine(file);
            }

            return 0;
        case ["compare", var before, var after]:
            var comparison = Comparison.Render(RunReport.Load(before), RunReport.Load(after));
            Console.Write(comparison);
            Console.Error.WriteLine($"written: {ReportWriter.WriteAtomically(Path.Combine(after, "compare.md"), comparison)}");
            return 0;
        default:
            Console.Error.WriteLine(usage);
            return 2;
    }
}
catch (ReportException e)
{
    Console.Error.WriteLine($"VirtPerf.Reports: {e.Message}");
    return 1;
}
