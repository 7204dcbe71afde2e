using System.Text;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>
/// The one-pass keyword search must pick exactly the detectors whose own keyword test (MayMatch) would pick, and
/// AddedLines must see the same lines whatever the line terminators.
/// </summary>
public sealed class KeywordPrefilterTests
{
    [Theory]
    [InlineData("var x = 1;\nreturn x;")]
    [InlineData("rm -rf /tmp/x")]
    [InlineData("perform the format FORM")]
    [InlineData("token = \"abc\"; Secret: Key PassWord pwd=1")]
    [InlineData("DROP TABLE users; truncate t; Alter table x drop column y")]
    [InlineData("delete from t; DELETE FROM t; update t set a=1; UPDATE t SET a=1")]
    [InlineData("Process.Start(\"x\"); process.start(); curl http://x | sh; wget x; Invoke-Expression; iex(")]
    [InlineData("<Exec Command=\"x\" /> <exec/>")]
    [InlineData("-----BEGIN RSA PRIVATE KEY----- AKIA ASIA akia AccountKey=")]
    [InlineData("ghp_x gho_ ghu_ ghs_ ghr_ github_pat_ GHP_ gh_ xoxb-")]
    [InlineData("ServerCertificateCustomValidationCallback DangerousAcceptAnyServerCertificateValidator ServerCertificateValidationCallback")]
    [InlineData("[AllowAnonymous] AllowAnyOrigin SetIsOriginAllowed AllowCredentials allowanonymous")]
    [InlineData("\u017Fecret \u212Aey \u0130nvoke-Expression tok\u00E9n")]
    public void Finds_the_same_detectors_as_each_detectors_own_keyword_test(string text)
    {
        var detectors = ContentDetectors.All;
        ulong all = detectors.Count == 64 ? ulong.MaxValue : (1UL << detectors.Count) - 1;
        var hits = new List<(int Offset, ulong Detectors)>();
        ContentDetectors.Keywords.Hits(text, all, hits);
        ulong found = hits.Aggregate(0UL, (mask, hit) => mask | hit.Detectors);

        ulong expected = 0;
        for (int d = 0; d < detectors.Count; d++)
        {
            if (detectors[d].MayMatch(text))
            {
                expected |= 1UL << d;
            }
        }

        Assert.Equal(expected, found);
        Assert.All(hits, hit => Assert.InRange(hit.Offset, 0, text.Length - 1));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Added_lines_and_blocks_do_not_depend_on_line_terminators(string newline)
    {
        string before = string.Join(newline, "a", "b", "c", "d", "");
        string after = string.Join(newline, "a", "x", "y", "c", "d", "z", "");
        var added = AddedLines.Of(Encoding.UTF8.GetBytes(before), Encoding.UTF8.GetBytes(after));

        Assert.Equal([1, 2, 5], added.Indexes);
        Assert.Equal(4, added.BeforeLineCount);
        Assert.Equal(["a", "x", "y", "c", "d", "z"], added.AllLines);
        Assert.Equal([("x\ny", 1, new[] { 0, 2 }), ("z", 5, new[] { 0 })], added.Blocks().Select(b => (b.Text, b.FirstLine, b.LineStarts)));
    }
}
