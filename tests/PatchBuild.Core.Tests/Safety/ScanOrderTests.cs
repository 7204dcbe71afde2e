using System.Text;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>
/// Judging a plan of many files is judging each file on its own, in plan order: the same findings, line numbers and
/// size total. (Working the files' added lines out on both cores was tried for issue 16 and cost more CPU than it
/// saved in wall time on a 2-core machine; this test holds any such change to the in-order result.)
/// </summary>
public sealed class ScanOrderTests
{
    private static readonly string[] Risky =
    [
        "var sql = \"DELETE FROM Orders\";",
        "Process.Start(\"rm\", \"-rf /\");",
        "var key = \"AKIAIOSFODNN7EXAMPLE\";",
        "ServicePointManager.ServerCertificateValidationCallback = (a, b, c, d) => true;",
        "// nothing risky here",
    ];

    [Fact]
    public void Findings_of_a_forty_file_plan_equal_those_of_each_file_alone_in_plan_order()
    {
        var random = new Random(99);
        var changes = new List<PlannedChange>();
        for (int i = 0; i < 40; i++)
        {
            var before = Enumerable.Range(0, 30).Select(n => $"    int Value{n}() => {n};").ToList();
            var after = new List<string>(before);
            for (int edit = 0; edit < 3; edit++)
            {
                after.Insert(random.Next(after.Count), "    " + Risky[random.Next(Risky.Length)]);
            }

            if (i % 9 == 4)
            {
                after.RemoveRange(0, 10); // removals count towards the size policy too
            }

            string path = $"src/F{i:00}.cs";
            changes.Add(new PlannedChange(new WorkspacePath(path, "/nowhere/" + path))
            {
                Before = i % 7 == 3 ? null : Encoding.UTF8.GetBytes(string.Join('\n', before) + "\n"),
                After = Encoding.UTF8.GetBytes(string.Join('\n', after) + "\n"),
            });
        }

        var together = SafetyScanner.Scan(changes, [], maxChangedLines: 1_000_000, maxChangedFiles: 1000);
        var alone = changes.SelectMany(c => SafetyScanner.Scan([c], [], maxChangedLines: 1_000_000, maxChangedFiles: 1000)).ToList();

        Assert.NotEmpty(together);
        Assert.Equal(alone.Select(Describe), together.Select(Describe));

        // The size policy adds up the same lines either way: a limit one below the total is crossed, the total is not.
        int total = changes.Sum(c => SafetyScanner.Scan([c], [], 0, 1000).Where(f => f.Rule == SafetyRules.TooLarge)
            .Select(f => int.Parse(f.Match.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Single());
        Assert.Contains(SafetyScanner.Scan(changes, [], total - 1, 1000), f => f.Rule == SafetyRules.TooLarge);
        Assert.DoesNotContain(SafetyScanner.Scan(changes, [], total, 1000), f => f.Rule == SafetyRules.TooLarge);
    }

    private static string Describe(SafetyFinding f) => $"{f.Rule.Id} {f.File} {f.Line} {f.Match} {f.Detail}";
}
