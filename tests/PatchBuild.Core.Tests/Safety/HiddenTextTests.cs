using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>PB1009: characters that make text display other than the compiler or shell reads it.</summary>
public sealed class HiddenTextTests : IDisposable
{
    private static readonly ApplyOptions Force = new() { Force = true };

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("src/A.cs", "class A { bool Admin(string r) => r == \"user\u202E \u2066// admin\u2069 \u2066\"; }", "bidirectional")]
    [InlineData("src/A.cs", "class A { int X; /* \u202D reversed */ }", "bidirectional")]
    [InlineData("src/A.cs", "class A { // harmless\u2028 int Hidden = 1;\n}", "separator")]
    [InlineData("src/A.cs", "class A { // harmless\u2029 int Hidden = 1;\n}", "separator")]
    [InlineData("notes/a.txt", "next line\u0085here", "control")]
    [InlineData("notes/a.txt", "csi\u009B31m", "control")]
    [InlineData("src/A.cs", "class A { void M() { Process.St\u200Bart(\"x\"); } }", "identifier")]
    [InlineData("src/A.cs", "class A { int is\u200DAdmin; }", "identifier")]
    [InlineData("src/A.cs", "class A { int is\\u200BAdmin; }", "identifier")]
    public async Task Hidden_characters_in_added_lines_are_pb1009(string path, string content, string described)
    {
        var error = SafetyAssert.Blocked(await _tree.ApplyAsync(Force, TempTree.Create(path, content + "\n")), "PB1009");
        Assert.Contains(described, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src/A.cs", "class A { string S = \"\u0645\u0631\u062D\u0628\u0627\"; }")]
    [InlineData("src/A.cs", "class A { string Family = \"\U0001F468\u200D\U0001F469\u200D\U0001F467\"; }")]
    [InlineData("src/A.cs", "class A { string Persian = \"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645\"; }")]
    [InlineData("docs/fa.md", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 and caf\u00E9")]
    [InlineData("notes/t.txt", "tab\there and form feed\f")]
    public async Task Ordinary_unicode_text_passes(string path, string content)
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(Force, TempTree.Create(path, content + "\n")));
    }

    [Fact]
    public async Task A_file_that_already_held_a_separator_may_be_edited_elsewhere()
    {
        _tree.Write("notes/a.txt", "old\u2028line\nsecond\n");
        SafetyAssert.Passed(await _tree.ApplyAsync(Force, TempTree.Recreate("notes/a.txt", "old\u2028line\nsecond\nthird\n")));
    }
}
