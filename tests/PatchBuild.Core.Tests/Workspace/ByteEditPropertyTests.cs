using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PatchBuild.Core.Tests.UnifiedDiff;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>
/// Random ap edits of real files in random encodings (UTF-8, UTF-8 with BOM, UTF-16 LE and BE, Latin-1) with LF,
/// CRLF or mixed line endings: the bytes written are exactly the original's, with only the edited lines changed —
/// a replacing line ends as the line it replaces, and an inserted line as the line before it.
/// </summary>
public sealed class ByteEditPropertyTests
{
    private const string Id = "c0ffee12";

    public sealed record Scenario(string Encoding, List<(string Text, string Ending)> Lines, List<(int Line, bool Replace, string Text)> Edits)
    {
        public override string ToString() =>
            $"{Encoding}: {string.Concat(Lines.Select(l => l.Text + l.Ending)).Replace("\r", "\\r").Replace("\n", "\\n")} | " +
            string.Join("; ", Edits.Select(e => $"{(e.Replace ? "replace" : "insert after")} {e.Line + 1}: {e.Text}"));
    }

    private static Encoding EncodingOf(string name) => name switch
    {
        "latin1" => System.Text.Encoding.Latin1,
        "utf16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        "utf16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        "utf8bom" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    private static byte[] Render(string encodingName, IEnumerable<(string Text, string Ending)> lines)
    {
        var encoding = EncodingOf(encodingName);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(string.Concat(lines.Select(l => l.Text + l.Ending)))];
    }

    private static readonly Gen<Scenario> Scenarios =
        from lineSpecs in Gen.ListOf(Gen.Choose(0, 9999)).Where(l => l.Count >= 2)
        from editSpecs in Gen.NonEmptyListOf(Gen.Choose(0, 9999))
        from encoding in Gen.Elements("utf8", "utf8bom", "utf16le", "utf16be", "latin1")
        from endings in Gen.Elements("lf", "crlf", "mixed")
        select Build([.. lineSpecs.Take(50)], [.. editSpecs.Take(6)], encoding, endings);

    private static Scenario Build(int[] lineSpecs, int[] editSpecs, string encoding, string endings)
    {
        string accent = encoding == "latin1" ? "\u00e9" : "\u00e9\u2713";
        var lines = lineSpecs.Select((s, i) => (
            Text: s % 4 == 0 ? $"// caf{accent} {i}" : $"line_{i}_{s};",
            Ending: endings == "crlf" || (endings == "mixed" && s % 2 == 0) ? "\r\n" : "\n")).ToList();
        var edits = new List<(int Line, bool Replace, string Text)>();
        var used = new HashSet<int>();
        for (int k = 0; k < editSpecs.Length; k++)
        {
            int line = editSpecs[k] % lines.Count;
            // Each edit addresses its own line, and keeps clear of the lines next to other edits so locators stay unique.
            if (!used.Add(line) || used.Contains(line - 1) || used.Contains(line + 1) || lines[line].Text.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            edits.Add((line, editSpecs[k] % 3 != 0, encoding == "latin1" ? $"edited_{k}();" : $"edited_{k}(\"\u00fc\u20ac\");"));
        }

        return new Scenario(encoding, lines, edits);
    }

    [Fact]
    public void Random_edits_change_exactly_the_edited_lines()
    {
        var property = Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            if (scenario.Edits.Count == 0)
            {
                return true;
            }

            using var tree = new TempTree("prop-");
            byte[] original = Render(scenario.Encoding, scenario.Lines);
            tree.WriteBytes("f.cs", original);
            var patch = new StringBuilder($"{Id} AP 3.2\n{Id} FILE\nf.cs\n");
            foreach (var edit in scenario.Edits)
            {
                patch.Append($"{Id} {(edit.Replace ? "REPLACE" : "INSERT_AFTER")}\n{Id} snippet\n{scenario.Lines[edit.Line].Text}\n{Id} content\n{edit.Text}\n");
            }

            patch.Append($"{Id} END\n");
            tree.Write("afix.ap", patch.ToString());
            var result = Engine.Create().ApplyFilesAsync([tree.PathOf("afix.ap")], new ApplyOptions { Root = tree.Root }).GetAwaiter().GetResult();
            Assert.True(result.Success, $"{scenario}\n{result.Error?.Code}: {result.Error?.Message}");

            var expected = new List<(string Text, string Ending)>();
            for (int i = 0; i < scenario.Lines.Count; i++)
            {
                var edit = scenario.Edits.FirstOrDefault(e => e.Line == i);
                var line = scenario.Lines[i];
                if (edit.Text is null || !edit.Replace)
                {
                    expected.Add(line);
                }

                if (edit.Text is not null)
                {
                    // A replacing line ends as the line it replaces; an inserted one as the line before it.
                    expected.Add((edit.Text, edit.Replace ? line.Ending : expected[^1].Ending));
                }
            }

            byte[] actual = File.ReadAllBytes(tree.PathOf("f.cs"));
            byte[] wanted = Render(scenario.Encoding, expected);
            Assert.True(wanted.AsSpan().SequenceEqual(actual),
                $"{scenario}\nexpected {Convert.ToHexString(wanted)}\nactual   {Convert.ToHexString(actual)}");
            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }
}
