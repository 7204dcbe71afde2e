using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Validation.Syntax;

namespace PatchBuild.Core.Validation;

/// <summary>
/// Refuses a plan that leaves a file with syntax errors it did not have before (C#, JSON, XML, YAML).
/// Other text files are not parsed. Skipped under --force.
/// </summary>
public sealed class SyntaxValidator : IPlanValidator
{
    private const int MaxListed = 10;

    /// <summary>Below this many files, starting parallel work costs more than it saves.</summary>
    private const int ParallelFrom = 4;

    public void Validate(PlanValidationContext context)
    {
        if (context.Options.Force)
        {
            return;
        }

        ISyntaxChecker[]? checkers = null;
        var work = new List<(Workspace.PlannedChange Change, string File, ISyntaxChecker Checker)>();
        foreach (var change in context.Changes)
        {
            if (change.After is null || change.AfterIsDirectory)
            {
                continue;
            }

            string file = change.Path.Relative;
            checkers ??= Checkers(context);
            if (checkers.FirstOrDefault(c => c.Handles(file)) is { } checker)
            {
                work.Add((change, file, checker));
            }
        }

        // Files are independent, so they are parsed side by side; results are reported in plan order all the same.
        var outcomes = new (List<SyntaxIssue>? Introduced, string? BrokenText, Exception? Failure)[work.Count];
        void Check(int i)
        {
            var (change, file, checker) = work[i];
            string after = change.AfterText!;
            try
            {
                var introduced = Introduced(checker, change, after, file);
                outcomes[i] = (introduced, introduced.Count > 0 ? after : null, null);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                outcomes[i] = (null, null, ex);
            }
        }

        if (work.Count >= ParallelFrom && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, work.Count, Check);
        }
        else
        {
            for (int i = 0; i < work.Count; i++)
            {
                Check(i);
            }
        }

        var locator = new PatchLineLocator(context.Patches);
        for (int i = 0; i < work.Count; i++)
        {
            string file = work[i].File;
            var (introduced, brokenText, failure) = outcomes[i];
            if (failure is not null)
            {
                context.Errors.Add(new PatchError(ErrorCodes.ValidationFailed, $"'{file}' could not be checked for syntax errors: {failure.Message}")
                {
                    File = file,
                    Hint = "Nothing was written. Simplify the file (extreme nesting or line length), or pass --force to skip syntax validation.",
                });
                continue;
            }

            if (introduced!.Count > 0)
            {
                context.Errors.Add(Error(file, introduced, locator, AddedLines.SplitLines(brokenText!)));
            }
        }
    }

    private static List<SyntaxIssue> Introduced(ISyntaxChecker checker, Workspace.PlannedChange change, string after, string file)
    {
        // An edited C# file costs what the edit costs: its changed members, when they prove it (else the whole file).
        string? before = change.BeforeText;
        if (checker is CSharpSyntaxChecker csharp && before is not null && csharp.ProvesEditClean(before, after, file))
        {
            return [];
        }

        var afterIssues = checker.Check(after, file);
        if (afterIssues.Count == 0)
        {
            return [];
        }

        // Only a broken result costs a second parse: the file as it was.
        var beforeIssues = before is not null ? checker.Check(before, file) : [];
        if (!checker.ReportsAllErrors)
        {
            return beforeIssues.Count > 0 ? [] : afterIssues.ToList();
        }

        return IssueDiff.New(beforeIssues, afterIssues);
    }

    private static ISyntaxChecker[] Checkers(PlanValidationContext context)
    {
        return
        [
            new CSharpSyntaxChecker(() =>
            {
                var project = context.ProjectOrNone;
                return CSharpSyntaxChecker.ParseOptions(project.LanguageVersion, project.PreprocessorSymbols);
            }),
            new JsonSyntaxChecker(),
            new XmlSyntaxChecker(),
            new YamlSyntaxChecker(),
        ];
    }

    private static PatchError Error(string file, List<SyntaxIssue> issues, PatchLineLocator locator, string[] lines)
    {
        var first = issues[0];
        string more = issues.Count > 1 ? $" (and {issues.Count - 1} more)" : "";
        string lineText = first.Line - 1 < lines.Length ? lines[first.Line - 1] : "";
        var (patchLine, patchFile) = locator.Locate(file, lineText);
        return new PatchError(ErrorCodes.ValidationFailed, $"The patch leaves a syntax error in '{file}': {first.Format(file)}{more}")
        {
            File = file,
            Line = patchLine,
            PatchFile = patchFile,
            Hint = "Fix the patch so the file parses (a missing brace, semicolon or quote is typical); the file was not changed. --force skips this check.",
            Context = new Dictionary<string, object?>
            {
                ["kind"] = "syntax",
                ["diagnostics"] = issues.Take(MaxListed).Select(i => i.ToContext()).ToList(),
                ["formatted"] = issues.Take(MaxListed).Select(i => i.Format(file)).ToList(),
            },
        };
    }
}
