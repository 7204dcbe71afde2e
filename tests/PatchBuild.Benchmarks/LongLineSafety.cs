using System.Diagnostics;
using System.Globalization;
using System.Text;
using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Validation;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Benchmarks;

/// <summary>
/// `long-line` mode: times the safety scan of one new file holding a single line of a repeated risky piece, at
/// doubling sizes, so a reader sees at a glance whether the time grows linearly. One measured run per size after a
/// warm-up: the sizes where the scan used to be quadratic took seconds to minutes, far above timer noise.
/// </summary>
public static class LongLineSafety
{
    private static readonly (string Name, string Path, string Piece)[] Cases =
    [
        ("sql drop", "db/x.sql", "DROP TABLE t; "),
        ("sql delete", "db/x.sql", "DELETE FROM t "),
        ("process", "src/A.cs", "Process.Start(x); "),
        ("rm", "run.sh", "rm -rf x; "),
        ("secret", "app.yaml", "token = 'abcd1234abcd1234abcd' "),
        ("plain", "notes.cs", "abcdefgh "),
    ];

    public static void Run(int maxKilobytes, TextWriter output)
    {
        string root = BenchmarkFolder.Create("pb-bench-longline-");
        try
        {
            Measure(root, Cases[0], 16); // warm-up: JIT and lazily built rule tables
            foreach (var c in Cases)
            {
                for (int kb = 90; kb <= maxKilobytes; kb *= 2)
                {
                    var elapsed = Measure(root, c, kb);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name,-10} {kb,6} KB  {elapsed.TotalMilliseconds,10:F1} ms"));
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static TimeSpan Measure(string root, (string Name, string Path, string Piece) c, int kilobytes)
    {
        var text = new StringBuilder(kilobytes * 1024 + 64);
        while (text.Length < kilobytes * 1024)
        {
            text.Append(c.Piece);
        }

        text.Append('\n');
        var change = new PlannedChange(new WorkspacePath(c.Path, Path.Combine(root, c.Path))) { After = Encoding.UTF8.GetBytes(text.ToString()) };
        var context = new PlanValidationContext([change], [new PatchSet(PatchFormat.Ap, [])], new ApplyOptions(), root);
        var watch = Stopwatch.StartNew();
        new SafetyValidator().Validate(context);
        watch.Stop();
        if (context.Errors.Count == 0 && c.Name != "plain")
        {
            throw new InvalidOperationException($"{c.Name}: the scan found nothing");
        }

        return watch.Elapsed;
    }
}
