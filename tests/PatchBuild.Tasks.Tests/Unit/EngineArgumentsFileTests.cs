using System.Text.Json;
using PatchBuild.Tasks.Engine;

namespace PatchBuild.Tasks.Tests.Unit;

/// <summary>Issue 14 §1: what the task writes for the engine is read back as exactly the same arguments, one each.</summary>
public sealed class EngineArgumentsFileTests
{
    public static TheoryData<string> HostileArguments =>
    [
        "/p/afixA\" --test \"touch pwned\" --report \"r.ap",
        "/p/afix\n--test\ntouch pwned\n.ap",
        "/p/back\\slash\\\" --force.ap",
        "@/p/evil.rsp",
        "/p/semi;colon $(Prop) %3B.ap",
        "/p/ünïcode 名前 \u2028 \u202e 😀.ap",
        "C:\\Users\\x\\afix.ap",
        "",
    ];

    [Theory]
    [MemberData(nameof(HostileArguments))]
    public void Every_argument_round_trips_as_one_json_string(string argument)
    {
        string[] arguments = [argument, "--root", "/p", "--json"];
        string json = EngineArgumentsFile.Serialize(arguments);

        Assert.All(json.TrimEnd('\n'), c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(arguments, JsonSerializer.Deserialize<string[]>(json));
    }

    [Theory]
    [InlineData("Odd ;$(Name)%41@.cs", "Odd %3B%24%28Name%29%2541%40.cs")]
    [InlineData("plain/File.cs", "plain/File.cs")]
    [InlineData("what*?'.cs", "what%2A%3F%27.cs")]
    public void Item_specs_escape_msbuild_specials(string path, string expected)
    {
        Assert.Equal(expected, MsBuildItemSpec.Escape(path));
    }
}

/// <summary>Issue 14 §5 in the build log: names and diffs from patches reach it escaped and never as CI commands.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData("afix\n--test.ap", "afix\\x0A--test.ap")]
    [InlineData("title\u001b]0;x\u0007", "title\\x1B]0;x\\x07")]
    [InlineData("::error::injected", "\\x3A:error::injected")]
    [InlineData("a ##vso[task.setvariable variable=X]1", "a #\\x23vso[task.setvariable variable=X]1")]
    [InlineData("bidi\u202e", "bidi\\u202E")]
    public void A_line_is_escaped_and_never_a_command(string raw, string expected)
    {
        Assert.Equal(expected, PatchBuild.Tasks.Logging.LogText.Line(raw));
    }

    [Fact]
    public void A_diff_keeps_its_lines_and_tabs_and_loses_commands()
    {
        string diff = PatchBuild.Tasks.Logging.LogText.Lines("+\tok\n::warning::x\n+##vso[task.complete]\n+\u001b[2J");
        Assert.Equal("+\tok\n\\x3A:warning::x\n+#\\x23vso[task.complete]\n+\\x1B[2J", diff);
    }
}
