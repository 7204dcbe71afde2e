using PatchBuild.Core.Checks;
using PatchBuild.Core.Checks.Output;
using PatchBuild.Core.Model;
using PatchBuild.Core.Reporting;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Tests.Support;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>Issue 14 §5: reports cannot be turned against their reader: no secret in full, no raw control character, no CI command.</summary>
public sealed class ReportSafetyTests : IDisposable
{
    private const string AwsKey = "AKIAIOSFODNN7EXAMPLE";
    private const string GitHubToken = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly GitTestRepository _repo = GitTestRepository.Create();

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData(AwsKey, "AKIA…MPLE")]
    [InlineData(GitHubToken, "ghp_…6789")]
    [InlineData("AccountKey=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0", "AccountKey=Zm9v…dWx0")]
    [InlineData("Password=Hunter2!x", "Password=Hu…(redacted)")]
    [InlineData("pwd=abc", "pwd=…(redacted)")]
    [InlineData("apiKey\": \"sk9f8d7s6a5f4d3s2a1q0w9e8r7t6y5u\"", "apiKey\": \"sk9f…6y5u")]
    public void A_secret_is_shown_by_its_ends_only(string secret, string expected)
    {
        Assert.Equal(expected, SecretRedaction.Redact(secret));
    }

    public static TheoryData<string, string> SecretPatches => new()
    {
        { "src/Aws.cs", $"class Aws {{ const string Key = \"{AwsKey}\"; }}\n" },
        { "scripts/ci.sh", $"export GH_TOKEN={GitHubToken}\n" },
    };

    [Theory]
    [MemberData(nameof(SecretPatches))]
    public async Task A_blocked_secret_is_masked_in_the_dry_run_diff_and_the_json_report(string path, string content)
    {
        using var folder = new TempFolder();
        var patch = new PatchSet(PatchFormat.Ap, [new FileChange(path, FileChangeKind.Create) { Content = content }]);

        var result = await new PatchEngine().ApplyAsync([patch], new ApplyOptions { Root = folder.Path, DryRun = true });

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => (string?)e.Context.GetValueOrDefault("rule") == "PB1006");
        string secret = path.EndsWith(".cs", StringComparison.Ordinal) ? AwsKey : GitHubToken;
        Assert.Contains(secret[..4] + "…" + secret[^4..], result.Diff);
        Assert.DoesNotContain(secret, result.Diff);
        Assert.DoesNotContain(secret, JsonReportWriter.Write(result));
        Assert.All(result.Errors, e => Assert.DoesNotContain(secret, e.Message));
    }

    [Fact]
    public async Task A_private_key_body_never_reaches_the_dry_run_diff()
    {
        using var folder = new TempFolder();
        const string body = "MIIEowIBAAKCAQEAsecretbodyline1";
        var patch = new PatchSet(PatchFormat.Ap, [new FileChange("keys/id_rsa.txt", FileChangeKind.Create)
        {
            Content = $"-----BEGIN RSA PRIVATE KEY-----\n{body}\nMoreSecretBody2\n-----END RSA PRIVATE KEY-----\n",
        }]);

        var result = await new PatchEngine().ApplyAsync([patch], new ApplyOptions { Root = folder.Path, DryRun = true });

        Assert.False(result.Success);
        Assert.Contains("-----BEGIN RSA PRIVATE KEY-----", result.Diff);
        Assert.Contains("-----END RSA PRIVATE KEY-----", result.Diff);
        Assert.DoesNotContain(body, result.Diff);
        Assert.DoesNotContain("MoreSecretBody2", result.Diff);
    }

    [Fact]
    public async Task Check_outputs_never_carry_the_secret_in_full()
    {
        _repo.Write("afix.ap", $"""
            4c1d9e7a AP 3.2
            4c1d9e7a FILE
            src/Aws.cs
            4c1d9e7a CREATE
            4c1d9e7a content
            class Aws {"{"} const string Key = "{AwsKey}"; {"}"}
            4c1d9e7a END

            """);
        _repo.Stage("afix.ap");

        var report = await RepositoryChecker.RunAsync(new CheckRequest(_repo.Root, CheckScope.StagedChanges));

        Assert.True(report.HasErrors);
        var text = new StringWriter();
        TextFindingWriter.Write(report, text);
        var github = new StringWriter();
        GitHubAnnotationWriter.Write(report, github);
        foreach (string output in new[] { JsonCheckReportWriter.Write(report), SarifLogWriter.Write(report), text.ToString(), github.ToString() })
        {
            Assert.DoesNotContain(AwsKey, output);
            Assert.Contains("PB1006", output);
        }
    }

    [Theory]
    [InlineData("bell\u0007", "bell\\x07")]
    [InlineData("clear\u001b[2J", "clear\\x1B[2J")]
    [InlineData("title\u001b]0;pwned\u0007", "title\\x1B]0;pwned\\x07")]
    [InlineData("back\rover", "back\\x0Dover")]
    [InlineData("two\nlines", "two\\x0Alines")]
    [InlineData("c1\u009b31m", "c1\\x9B31m")]
    [InlineData("del\u007f", "del\\x7F")]
    [InlineData("bidi\u202eevil", "bidi\\u202Eevil")]
    [InlineData("isolate\u2066x\u2069", "isolate\\u2066x\\u2069")]
    [InlineData("line\u2028separator", "line\\u2028separator")]
    [InlineData("plain ünïcode 名前", "plain ünïcode 名前")]
    public void Control_characters_are_escaped(string raw, string expected)
    {
        Assert.Equal(expected, TerminalText.Escape(raw));
    }

    [Theory]
    [InlineData("::error file=x::pwned")]
    [InlineData("  ::set-output name=x::y")]
    [InlineData("::add-mask::secret")]
    [InlineData("x ##vso[task.setvariable variable=PATH]evil")]
    [InlineData("##VSO[task.complete result=Succeeded]")]
    public void A_report_line_is_never_a_CI_command(string line)
    {
        string safe = TerminalText.SafeLine(line);
        Assert.False(safe.TrimStart().StartsWith("::", StringComparison.Ordinal), safe);
        Assert.DoesNotContain("##vso[", safe, StringComparison.OrdinalIgnoreCase);
        Assert.All(TerminalText.SafeLines(line + "\n" + line).Split('\n'), l =>
        {
            Assert.False(l.TrimStart().StartsWith("::", StringComparison.Ordinal), l);
            Assert.DoesNotContain("##vso[", l, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void The_text_and_github_formats_neutralise_names_and_messages_taken_from_patches()
    {
        var finding = new CheckFinding(CheckRules.UnparsablePatch, "bad line:\n::error file=a::injected \u001b[2J ##vso[task.setvariable variable=X]1")
        {
            File = "::warning file=b::x.ap",
            Line = 3,
            Hint = "fix \u001b]0;t\u0007 it",
        };
        var report = new CheckReport(CheckScope.StagedChanges, _repo.Root, [finding]);

        string text = TextFindingWriter.FormatLine(finding);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\n', text);
        Assert.False(text.StartsWith("::", StringComparison.Ordinal), text);
        Assert.DoesNotContain("##vso[", text, StringComparison.Ordinal);

        var github = new StringWriter();
        GitHubAnnotationWriter.Write(report, github);
        string[] lines = github.ToString().TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("::error file=%3A%3Awarning file=b%3A%3Ax.ap,line=3,", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', lines[0]);
        Assert.DoesNotContain('\u0007', lines[0]);
    }
}
