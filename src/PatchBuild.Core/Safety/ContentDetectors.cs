namespace PatchBuild.Core.Safety;

/// <summary>The content rules (PB1004 to PB1007) as detectors over added text.</summary>
internal static class ContentDetectors
{
    private const string SqlName = @"[\w.\[\]""`]+";

    public static IReadOnlyList<ContentDetector> All { get; } = Create();

    /// <summary>Finds, in one pass, which detectors' keywords a text holds.</summary>
    public static DetectorKeywords Keywords { get; } = new(All);

    private static List<ContentDetector> Create()
    {
        static bool NotDocs(string path) => !FileKinds.IsDocumentation(path);

        return
        [
            // PB1004: destructive SQL. DROP/TRUNCATE/ALTER..DROP are unmistakable in any case; DELETE and UPDATE are
            // common English words, so outside .sql files only the upper-case SQL spelling counts.
            new(SafetyRules.DestructiveSql, ["drop", "truncate"],
                @"\b(DROP\s+(TABLE|DATABASE|SCHEMA)(\s+IF\s+EXISTS)?\s+" + SqlName + @"|TRUNCATE\s+TABLE\s+" + SqlName + ")")
            { AppliesTo = NotDocs },
            new(SafetyRules.DestructiveSql, ["alter"], @"\bALTER\s+TABLE\s+" + SqlName + @"\s+DROP\s+(COLUMN\s+|CONSTRAINT\s+)?" + SqlName)
            { AppliesTo = NotDocs },
            new(SafetyRules.DestructiveSql, ["truncate"], @"\bTRUNCATE\s+" + SqlName + @"\s*(;|$)")
            { AppliesTo = FileKinds.IsSql },
            new(SafetyRules.DestructiveSql, ["delete"], @"\bDELETE\s+(FROM\s+)?" + SqlName)
            { AppliesTo = FileKinds.IsSql, Confirm = NoWhereClause },
            new(SafetyRules.DestructiveSql, ["DELETE"], @"\bDELETE\s+FROM\s+" + SqlName, ignoreCase: false)
            { AppliesTo = p => NotDocs(p) && !FileKinds.IsSql(p), Confirm = NoWhereClause },
            new(SafetyRules.DestructiveSql, ["update"], @"\bUPDATE\s+" + SqlName + @"\s+SET\b")
            { AppliesTo = FileKinds.IsSql, Confirm = NoWhereClause },
            new(SafetyRules.DestructiveSql, ["UPDATE"], @"\bUPDATE\s+" + SqlName + @"\s+SET\b", ignoreCase: false)
            { AppliesTo = p => NotDocs(p) && !FileKinds.IsSql(p), Confirm = NoWhereClause },

            // PB1005: starting processes and shells.
            new(SafetyRules.ProcessExecution, ["Process"], @"\bProcess\s*\.\s*Start\s*\(", ignoreCase: false) { AppliesTo = NotDocs },
            new(SafetyRules.ProcessExecution, ["rm"], @"\brm\s+(-[a-z]+\s+)*(-[a-z]*r[a-z]*|--recursive)\b") { AppliesTo = NotDocs },
            new(SafetyRules.ProcessExecution, ["curl", "wget"],
                @"\b(curl|wget)\b[^\n|]*\|\s*(sudo\s+)?(sh|bash|zsh|dash|ksh|pwsh|powershell|python3?|iex)\b") { AppliesTo = NotDocs },
            new(SafetyRules.ProcessExecution, ["Invoke-Expression", "iex"], @"(\bInvoke-Expression\b|\|\s*iex\b|\biex\s*[(\$'""])") { AppliesTo = NotDocs },
            new(SafetyRules.ProcessExecution, ["<Exec"], @"<Exec\b", ignoreCase: false) { AppliesTo = FileKinds.IsMsBuild },

            // PB1006: secrets.
            new(SafetyRules.Secret, ["PRIVATE KEY"], @"-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----", ignoreCase: false),
            new(SafetyRules.Secret, ["AKIA", "ASIA"], @"\b(AKIA|ASIA)[0-9A-Z]{16}\b", ignoreCase: false),
            new(SafetyRules.Secret, ["AccountKey"], @"AccountKey\s*=\s*[A-Za-z0-9+/]{20,}={0,2}") { Confirm = m => !IsPlaceholder(m.Match.Value) },
            new(SafetyRules.Secret, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], @"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", ignoreCase: false),
            new(SafetyRules.Secret, ["xox"], @"\bxox[abposr]-[A-Za-z0-9-]{10,}", ignoreCase: false),
            new(SafetyRules.Secret, ["key", "secret", "token", "passw"],
                @"(api[_-]?key|secret|token|passw(or)?d)[""']?\s*[:=]\s*[""']([^""'\s]{16,})[""']")
            { Confirm = m => LooksLikeSecret(m.Match.Groups[3].Value) },
            new(SafetyRules.Secret, ["password", "pwd"], @"\b(password|pwd)\s*=\s*[^;""'\s]+")
            { Confirm = m => IsConnectionString(m.LineText) && !IsPlaceholder(m.Match.Value[(m.Match.Value.IndexOf('=') + 1)..]) },

            // PB1007: weakened security.
            new(SafetyRules.WeakenedSecurity, ["ServerCertificateCustomValidationCallback"],
                @"ServerCertificateCustomValidationCallback\s*=[^;]*(=>\s*true\b|return\s+true\b)", ignoreCase: false),
            new(SafetyRules.WeakenedSecurity, ["DangerousAcceptAnyServerCertificateValidator"], "DangerousAcceptAnyServerCertificateValidator", ignoreCase: false),
            new(SafetyRules.WeakenedSecurity, ["ServerCertificateValidationCallback"],
                @"ServicePointManager\s*\.\s*ServerCertificateValidationCallback\s*(\+?=)", ignoreCase: false),
            new(SafetyRules.WeakenedSecurity, ["AllowAnonymous"], @"([\[,]\s*(\w+\s*\.\s*)*AllowAnonymous(Attribute)?\s*(\(\s*\))?\s*[\],]|\.\s*AllowAnonymous\s*\(\s*\))", ignoreCase: false)
            { AppliesTo = FileKinds.IsDotNetCode },
            new(SafetyRules.WeakenedSecurity, ["AllowAnyOrigin", "SetIsOriginAllowed"], AnyOriginPattern, ignoreCase: false)
            { AppliesTo = FileKinds.IsDotNetCode, Confirm = m => m.FileText.Contains("AllowCredentials", StringComparison.Ordinal) },
            new(SafetyRules.WeakenedSecurity, ["AllowCredentials"], @"\bAllowCredentials\s*\(", ignoreCase: false)
            {
                AppliesTo = FileKinds.IsDotNetCode,
                Confirm = m => AnyOrigin.IsMatch(m.FileText),
                Describe = m => "AllowCredentials() with any origin",
            },
        ];
    }

    private const string AnyOriginPattern = @"\b(AllowAnyOrigin\s*\(|SetIsOriginAllowed\s*\(\s*\(?\s*\w*\s*\)?\s*=>\s*true\s*\))";

    private static readonly Lazy<System.Text.RegularExpressions.Regex> AnyOriginRegex = new(() => new(AnyOriginPattern,
        System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.CultureInvariant));

    private static System.Text.RegularExpressions.Regex AnyOrigin => AnyOriginRegex.Value;

    // The statement continues to the next ';' (or the end of the added block): a WHERE there makes it targeted.
    private static bool NoWhereClause(DetectorMatch m)
    {
        int start = m.Match.Index + m.Match.Length;
        int end = m.Block.IndexOf(';', start);
        if (end < 0)
        {
            end = m.Block.Length;
        }

        end = Math.Min(end, start + 4000);
        return m.Block.AsSpan(start, end - start).IndexOf("WHERE", StringComparison.OrdinalIgnoreCase) < 0;
    }

    private static bool LooksLikeSecret(string value) =>
        value.StartsWith("eyJ", StringComparison.Ordinal) ||
        (!IsPlaceholder(value) && value.Any(char.IsLetter) && value.Any(char.IsDigit) && !value.Contains('.'));

    private static bool IsPlaceholder(string value)
    {
        string v = value.Trim();
        return v.Length == 0 || v.Contains("${", StringComparison.Ordinal) || v.Contains("{{", StringComparison.Ordinal) ||
               v.Contains("$(", StringComparison.Ordinal) || v.StartsWith('{') || v.StartsWith('<') || v.StartsWith('%') ||
               v.StartsWith('*') || v.StartsWith("#{", StringComparison.Ordinal);
    }

    private static readonly string[] ConnectionKeys = ["server=", "datasource=", "host=", "userid=", "uid=", "initialcatalog=", "database=", "username="];

    private static bool IsConnectionString(string line)
    {
        string compact = line.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return ConnectionKeys.Any(k => compact.Contains(k, StringComparison.Ordinal));
    }
}
