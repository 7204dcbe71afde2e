using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>
/// Changes that add no risky line and still change what the code does: deleting lines around a statement, and renaming
/// a file into a kind that runs. The statement an edit touches is judged, and a new kind re-judges the whole content.
/// </summary>
public sealed class MeaningChangeTests : IDisposable
{
    private static readonly ApplyOptions Force = new() { Force = true };

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private Task<ApplyResult> Recreate(string path, string content) => _tree.ApplyAsync(Force, TempTree.Recreate(path, content));

    [Fact]
    public async Task Deleting_the_comment_markers_around_a_process_start_is_pb1005()
    {
        _tree.Write("src/Runner.cs", "class Runner\n{\n    void Go()\n    {\n        /*\n        System.Diagnostics.Process.Start(\"x\");\n        */\n    }\n}\n");
        var result = await Recreate("src/Runner.cs", "class Runner\n{\n    void Go()\n    {\n        System.Diagnostics.Process.Start(\"x\");\n    }\n}\n");
        SafetyAssert.Blocked(result, "PB1005");
        Assert.Contains("*/", _tree.Read("src/Runner.cs"));
    }

    [Fact]
    public async Task Deleting_the_where_under_a_delete_is_pb1004()
    {
        _tree.Write("db/cleanup.sql", "DELETE FROM sessions\nWHERE expires < now();\n");
        var result = await Recreate("db/cleanup.sql", "DELETE FROM sessions\n;\n");
        SafetyAssert.Blocked(result, "PB1004");
    }

    [Fact]
    public async Task Deleting_a_where_in_a_large_file_is_found_by_the_window_around_the_deletion()
    {
        string filler = string.Concat(Enumerable.Range(0, 12_000).Select(i => $"INSERT INTO t VALUES ({i}, 'some padding text for the size of the file');\n"));
        _tree.Write("db/big.sql", filler + "DELETE FROM sessions\nWHERE expires < now();\n" + filler);
        Assert.True(filler.Length * 2 > 256 * 1024, "the file must be larger than the whole-file limit");
        var result = await Recreate("db/big.sql", filler + "DELETE FROM sessions\n;\n" + filler);
        SafetyAssert.Blocked(result, "PB1004");
    }

    [Fact]
    public async Task Deleting_unrelated_lines_next_to_an_existing_risky_statement_passes()
    {
        _tree.Write("db/seed.sql", "DROP TABLE legacy;\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n");
        SafetyAssert.Passed(await Recreate("db/seed.sql", "DROP TABLE legacy;\nINSERT INTO t VALUES (1);\n"));
    }

    [Fact]
    public async Task An_edit_near_an_existing_risky_line_of_a_script_passes()
    {
        // No ';' in the script: for SQL the whole file is one statement, yet only the lines the edit changed are blamed.
        _tree.Write("scripts/reset.sh", "#!/bin/sh\npsql -c \"DROP TABLE legacy\"\necho done\n");
        SafetyAssert.Passed(await Recreate("scripts/reset.sh", "#!/bin/sh\npsql -c \"DROP TABLE legacy\"\necho finished\n"));
    }

    [Fact]
    public async Task Adding_a_second_copy_of_an_existing_risky_statement_is_judged()
    {
        _tree.Write("db/seed.sql", "DROP TABLE legacy;\n");
        SafetyAssert.Blocked(await Recreate("db/seed.sql", "DROP TABLE legacy;\nSELECT 1;\nDROP TABLE legacy;\n"), "PB1004");
    }

    [Theory]
    [InlineData("notes/cleanup.txt", "scripts/cleanup.sh", "rm -rf /srv/data\n", "PB1005")]
    [InlineData("docs/schema.md", "db/schema.sql", "DROP TABLE customers;\n", "PB1004")]
    [InlineData("docs/run.md", "tools/run.cs", "class R { void M() { System.Diagnostics.Process.Start(\"x\"); } }\n", "PB1005")]
    public async Task A_rename_into_a_kind_that_runs_rejudges_the_whole_content(string from, string to, string content, string rule)
    {
        _tree.Write(from, content);
        var result = await _tree.ApplyAsync(Force, new FileChange(from, FileChangeKind.Rename) { NewPath = to, PatchLine = 1 });
        SafetyAssert.Blocked(result, rule);
        Assert.True(_tree.Exists(from));
        Assert.False(_tree.Exists(to));
    }

    [Fact]
    public async Task A_rename_that_keeps_the_kind_adds_nothing()
    {
        _tree.Write("scripts/old.sh", "rm -rf /srv/data\n");
        SafetyAssert.Passed(await _tree.ApplyAsync(Force, new FileChange("scripts/old.sh", FileChangeKind.Rename) { NewPath = "scripts/new.sh", PatchLine = 1 }));
    }
}
