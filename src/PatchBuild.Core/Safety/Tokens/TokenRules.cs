namespace PatchBuild.Core.Safety.Tokens;

/// <summary>
/// The content rules PB1004, PB1005 and PB1007 as token phrases over the normalised stream (PB1006 is
/// <see cref="SecretFinder"/>). Comments, spacing, escapes and line breaks are gone before these run, so a rule is
/// written once per meaning, not once per spelling.
/// </summary>
internal static class TokenRules
{
    private static readonly string[] Downloaders = ["curl", "wget", "irm", "iwr", "Invoke-WebRequest", "Invoke-RestMethod"];

    private static readonly string[] Interpreters =
        ["sh", "bash", "zsh", "dash", "ksh", "fish", "pwsh", "powershell", "python", "python3", "perl", "ruby", "node", "iex", "Invoke-Expression"];

    public static IReadOnlyList<TokenRule> All { get; } = Create();

    private static bool NotDocs(string path) => !FileKinds.IsDocumentation(path);

    private static List<TokenRule> Create()
    {
        var sql = SafetyRules.DestructiveSql;
        var exec = SafetyRules.ProcessExecution;
        var weak = SafetyRules.WeakenedSecurity;
        Phrase[] noWhere = [Phrase.Parse("WHERE", ignoreCase: true)];
        Phrase[] notDataChange = [.. noWhere, Phrase.Parse("GRANT|REVOKE|DENY|CREATE|ALTER", true), Phrase.Parse("ON DELETE|UPDATE", true), Phrase.Parse("FOR UPDATE", true)];

        return
        [
            // PB1004. DROP and TRUNCATE mean the same in any case and any file; DELETE and UPDATE are English words, so
            // outside .sql files only their upper-case SQL spelling counts.
            new(sql, "drop", RuleLens.Sql, true, "DROP TABLE|DATABASE|SCHEMA") { AppliesTo = NotDocs },
            new(sql, "truncate-table", RuleLens.Sql, true, "TRUNCATE TABLE") { AppliesTo = NotDocs },
            new(sql, "truncate", RuleLens.Sql, true, [Phrase.Of(true, Element.Word(true, "TRUNCATE"), Element.One(t => t.Kind == TokenKind.Word))])
            { AppliesTo = FileKinds.IsSql },
            new(sql, "alter-drop", RuleLens.Sql, true, "ALTER TABLE … DROP") { AppliesTo = NotDocs },
            new(sql, "delete-everything", RuleLens.Sql, true, "DELETE") { AppliesTo = FileKinds.IsSql, Unless = notDataChange },
            new(sql, "update-everything", RuleLens.Sql, true, "UPDATE … SET") { AppliesTo = FileKinds.IsSql, Unless = notDataChange },
            new(sql, "delete-everything", RuleLens.Sql, false, "DELETE FROM") { AppliesTo = p => NotDocs(p) && !FileKinds.IsSql(p), Unless = noWhere },
            new(sql, "update-everything", RuleLens.Sql, false, "UPDATE … SET") { AppliesTo = p => NotDocs(p) && !FileKinds.IsSql(p), Unless = noWhere },

            // PB1005 in code: starting a process, however the type is named or the call spelled.
            new(exec, "process-start", RuleLens.Code, false, "Process . Start"),
            new(exec, "new-process", RuleLens.Code, false, "new ^Process|ProcessStartInfo") { Keywords = ["Process"] },
            new(exec, "using-static-process", RuleLens.Code, false, "using static ^Process") { Keywords = ["Process"] },

            // PB1005 in shell: recursive delete, and downloaded code handed to an interpreter (pipe, $(…), `…`, <(…)).
            new(exec, "rm-recursive", RuleLens.Shell, true, [Phrase.Of(true, Element.Word(true, "rm"), Element.Skip(t => IsOption(t) && !IsRecursive(t)), Element.One(IsRecursive))])
            { AppliesTo = NotDocs },
            new(exec, "download-to-interpreter", RuleLens.Shell, true,
                [Phrase.Of(true, Element.Word(true, Downloaders), Element.Gap, Element.Punct('|'), Element.Skip(IsCommandPrefix), Element.Word(true, Interpreters))])
            { AppliesTo = NotDocs },
            new(exec, "interpreter-runs-download", RuleLens.Shell, true,
                [Phrase.Of(true, Element.One(t => t.Is('$') || t.Is('<')), Element.Punct('('), Element.Word(true, Downloaders)), Phrase.Of(true, Element.Word(true, [.. Interpreters, "eval", "source"]))])
            { AppliesTo = NotDocs },
            new(exec, "interpreter-runs-download", RuleLens.Shell, true,
                [Phrase.Of(true, Element.Punct('`'), Element.Word(true, Downloaders)), Phrase.Of(true, Element.Word(true, [.. Interpreters, "eval", "source"]))])
            { AppliesTo = NotDocs },
            new(exec, "invoke-expression", RuleLens.Shell, true, "Invoke-Expression") { AppliesTo = NotDocs },
            new(exec, "invoke-expression", RuleLens.Shell, true, "| iex") { AppliesTo = NotDocs, Keywords = ["iex"] },
            new(exec, "invoke-expression", RuleLens.Shell, true, [Phrase.Of(true, Element.Word(true, "iex"), Element.One(t => t.Is('(') || t.Is('$') || t.Is('\'') || t.Is('"')))])
            { AppliesTo = NotDocs },
            new(exec, "msbuild-exec", RuleLens.MsBuild, false, "< Exec") { Keywords = ["Exec"], FileCondition = t => t.Contains("<Project", StringComparison.Ordinal) },

            // PB1007.
            new(weak, "accept-any-certificate", RuleLens.Code, false, "ServerCertificateCustomValidationCallback = … = > true"),
            new(weak, "accept-any-certificate", RuleLens.Code, false, "ServerCertificateCustomValidationCallback = … return true"),
            new(weak, "accept-any-certificate", RuleLens.Code, false, "DangerousAcceptAnyServerCertificateValidator"),
            new(weak, "service-point-callback", RuleLens.Code, false,
                [Phrase.Of(false, Element.Word(false, "ServicePointManager"), Element.Punct('.'), Element.Word(false, "ServerCertificateValidationCallback"), Element.One(t => t.Is('=') || t.Is('+')))]),
            new(weak, "allow-anonymous", RuleLens.Code, false, "AllowAnonymous|AllowAnonymousAttribute") { AppliesTo = FileKinds.IsDotNetCode },
            new(weak, "cors-any-origin", RuleLens.Code, false, "AllowAnyOrigin (")
            { AppliesTo = FileKinds.IsDotNetCode, FileCondition = t => t.Contains("AllowCredentials", StringComparison.Ordinal) },
            new(weak, "cors-any-origin", RuleLens.Code, false, "SetIsOriginAllowed ( … = > true")
            { AppliesTo = FileKinds.IsDotNetCode, FileCondition = t => t.Contains("AllowCredentials", StringComparison.Ordinal) },
            new(weak, "cors-credentials-any-origin", RuleLens.Code, false, "AllowCredentials (")
            { AppliesTo = FileKinds.IsDotNetCode, FileCondition = AllowsAnyOrigin },
        ];
    }

    private static bool IsOption(Token t) => t.Kind == TokenKind.Word && t.Text.StartsWith('-');

    // -r, -R, -rf, -fR, --recursive; not --preserve-root or --dry-run.
    private static bool IsRecursive(Token t) =>
        IsOption(t) && (t.Text.Equals("--recursive", StringComparison.OrdinalIgnoreCase) ||
                        (!t.Text.StartsWith("--", StringComparison.Ordinal) && t.Text.AsSpan(1).IndexOfAny('r', 'R') >= 0));

    // What may stand between the pipe and the interpreter: sudo -E, env, /usr/bin/.
    private static bool IsCommandPrefix(Token t) =>
        t.Is('/') || IsOption(t) || (t.Kind == TokenKind.Word && t.Text is "sudo" or "env" or "usr" or "bin" or "local" or "exec" or "nohup");

    private static bool AllowsAnyOrigin(string fileText) =>
        fileText.Contains("AllowAnyOrigin", StringComparison.Ordinal) ||
        (fileText.Contains("SetIsOriginAllowed", StringComparison.Ordinal) && fileText.Contains("true", StringComparison.Ordinal));
}
