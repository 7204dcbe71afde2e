using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>
/// Issue 14 §1 end to end: patch files whose names carry quotes, option names, newlines, response-file syntax and
/// MSBuild specials reach the engine as data through a real `dotnet build`. Each is applied as the patch it is, and
/// none of the commands its name spells out ever runs (no marker file appears).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class HostileNameBuildTests(PackageFixture fixture)
{
    // Each name, were it split into arguments, would ask the engine to run `touch pwned...` or to change its options.
    private static readonly string[] HostileNames =
    [
        "afixA\" --test \"touch pwned1\" --report \"r.ap",
        "afix --test touch pwned2.ap",
        "afix\" --test touch pwned3 \".ap",
        "afix\n--test\ntouch pwned4\n.ap",
        "afix\t--test\ttouch pwned5.ap",
        "afix --config evil.json.ap",
        "afix --project evil.csproj.ap",
        "afix --backup-dir evil --force.ap",
        "afix\" --report \"stolen.json.ap",
        "afix@evil.rsp.ap",
        "afix;--test;touch pwned6.ap",
        "afix$(PatchBuildTestCommand).ap",
        "afix%3B%40%24%25.ap",
        "afix'\"'\".ap",
    ];

    // MSBuild on Unix reads '\\' in an item spec as a folder separator, so this file is never pending there; it must run nothing either.
    private const string BackslashName = "afix \\\" --test touch pwned7 \\\".ap";

    [Fact]
    public void Hostile_patch_file_names_are_applied_as_data_and_run_nothing()
    {
        var project = SampleProject.CopyOf(fixture, "Quickstart");
        project.Delete("afix.ap");
        project.Delete("patch.json");
        // What a response-file expansion of "@evil.rsp" would read, and a config that would run a command.
        project.Write("evil.rsp", "--test \"touch pwned-rsp\"\n");
        project.Write("evil.json", """{ "safety": { "enabled": false } }""");
        for (int i = 0; i < HostileNames.Length; i++)
        {
            project.Write(HostileNames[i], $"""
                c0ffee{i:D2} AP 3.2
                c0ffee{i:D2} FILE
                out/{i}.txt
                c0ffee{i:D2} CREATE
                c0ffee{i:D2} content
                patch {i}
                c0ffee{i:D2} END
                """);
        }

        project.Write(BackslashName, "c0ffee99 AP 3.2\nc0ffee99 FILE\nout/backslash.txt\nc0ffee99 CREATE\nc0ffee99 content\nx\nc0ffee99 END\n");

        // A created source file whose name holds MSBuild's item separators and escapes must still be compiled.
        const string oddSource = "Odd ;$(Name)%41@.cs";
        project.Write("afix-odd-source.ap", $$"""
            0dd50c00 AP 3.2
            0dd50c00 FILE
            {{oddSource}}
            0dd50c00 CREATE
            0dd50c00 content
            static class Odd
            {
                public const string Text = "compiled from an odd name";
            }
            0dd50c00 END
            """);
        project.Write("Program.cs", "Console.WriteLine(Odd.Text);\n");

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var markers = Directory.EnumerateFileSystemEntries(project.Directory, "*", SearchOption.AllDirectories)
                .Where(p => Path.GetFileName(p).StartsWith("pwned", StringComparison.Ordinal) || Path.GetFileName(p) is "stolen.json" or "r")
                .ToList();
            Assert.Empty(markers);
            Assert.False(Directory.Exists(project.PathOf("evil")));
            for (int i = 0; i < HostileNames.Length; i++)
            {
                Assert.Equal($"patch {i}\n", project.Read($"out/{i}.txt"));
                Assert.False(project.Exists(HostileNames[i]), $"'{HostileNames[i]}' was not archived as applied");
            }

            Assert.True(project.Exists(oddSource));
            // A name's control characters reach the log escaped, never raw.
            Assert.Contains("applied afix\\x0A--test\\x0Atouch pwned4\\x0A.ap: out/3.txt", result.Output);
            Assert.Contains("applied afix\\x09--test\\x09touch pwned5.ap: out/4.txt", result.Output);
        });

        var run = project.Run("bin/Debug/net10.0/Quickstart.dll");
        Assert.Equal("compiled from an odd name", run.Output.Trim());
    }
}
