using System.Text;
using PatchBuild.Core;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Validation;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>Plans with bytes no format would produce: the validators answer with findings, never an exception.</summary>
public sealed class OddInputTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private PlanValidationContext Validate(params PlannedChange[] changes)
    {
        var context = new PlanValidationContext(changes, [new PatchSet(PatchFormat.Ap, [])], new ApplyOptions(), _tree.Root);
        foreach (var validator in DefaultValidators.Create())
        {
            validator.Validate(context);
        }

        return context;
    }

    private PlannedChange Change(string relative, byte[]? before, byte[] after) => new(new WorkspacePath(relative, _tree.Full(relative))) { Before = before, After = after };

    [Fact]
    public void Invalid_utf8_in_a_planned_file_is_pb1009_not_a_crash()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("class A { string s = \""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"; }\n")];
        var context = Validate(Change("src/A.cs", null, bytes));
        Assert.Contains(context.Errors, e => (string?)e.Context.GetValueOrDefault("rule") == "PB1009" && e.Message.Contains("invalid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_was_already_binary_is_not_judged_by_pb1009()
    {
        byte[] before = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01];
        byte[] after = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x02];
        var context = Validate(Change("assets/logo.bin", before, after));
        Assert.DoesNotContain(context.Errors, e => (string?)e.Context.GetValueOrDefault("rule") == "PB1009");
    }

    [Fact]
    public void Huge_single_lines_and_many_risky_lines_are_judged_with_a_bounded_report()
    {
        string huge = new string('a', 3_000_000) + " DROP TABLE x;\n";
        string many = string.Concat(Enumerable.Range(0, 500).Select(i => $"DROP TABLE t{i};\n"));
        var context = Validate(Change("db/huge.sql", null, Encoding.UTF8.GetBytes(huge)), Change("db/many.sql", null, Encoding.UTF8.GetBytes(many)));
        var unsafeErrors = context.Errors.Where(e => e.Code == ErrorCodes.UnsafePatch).ToList();
        Assert.Contains(unsafeErrors, e => e.File == "db/huge.sql");
        Assert.True(unsafeErrors.Count <= 52, $"{unsafeErrors.Count} errors");
    }

    [Fact]
    public void Added_lines_ignore_moved_lines_and_count_duplicates()
    {
        var added = AddedLines.Of(Encoding.UTF8.GetBytes("a\nb\nc\n"), Encoding.UTF8.GetBytes("c\na\nb\nb\nnew\n"));
        Assert.Equal(["b", "new"], added.Indexes.Select(i => added.AllLines[i]));
    }
}
