using VirtPerf.Reports;

// Reports of VirtNetPerf runs. Usage:
//   render FOLDER [RUNS...]   writes FOLDER/results.csv, summary.md, report.html and plots/ (PNG, SVG); the trends
//                             read the runs beside FOLDER and under each RUNS directory
//   compare BEFORE AFTER      prints compare.md for two results folders (and writes it to AFTER/compare.md)
const string usage = "Usage: VirtPerf.Reports render FOLDER [RUNS...] | compare BEFORE AFTER   (e.g. render results/latest)";
try
{
    switch (args)
    {
        case ["render", var folder, .. var history]:
            foreach (var file in ReportWriter.Write(RunReport.Load(folder), history))
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
