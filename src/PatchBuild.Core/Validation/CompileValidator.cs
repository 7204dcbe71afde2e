using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;
using PatchBuild.Core.Validation.Syntax;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Validation;

/// <summary>
/// Compiles the project in memory with the patch applied and refuses errors that were not there before
/// (a missing using, a missing member, a type mismatch). Runs only when the caller names the project or its
/// sources and the plan touches C#; skipped under --force.
/// </summary>
public sealed class CompileValidator : IPlanValidator
{
    private const int MaxListed = 10;

    public void Validate(PlanValidationContext context)
    {
        var options = context.Options;
        if (options.Force || (options.ProjectFile is null && options.CompileSources.Count == 0) ||
            context.Errors.Count > 0 || !context.Changes.Any(c => IsCSharp(c.Path.Relative)))
        {
            return;
        }

        ProjectInputs project;
        try
        {
            project = context.Project;
        }
        catch (PatchException ex)
        {
            context.Errors.Add(ex.Error with { Hint = ex.Error.Hint + " Or pass --force to skip compile validation." });
            return;
        }

        if (!project.CanCompile)
        {
            context.Warnings.Add(new PatchWarning("COMPILE_SKIPPED", "Compile validation was skipped: the project has no C# sources or no references."));
            return;
        }

        try
        {
            var introduced = Introduced(context, project);
            if (introduced.Count > 0)
            {
                context.Errors.Add(Error(introduced, context));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not PatchException)
        {
            context.Errors.Add(new PatchError(ErrorCodes.ValidationFailed, $"The patched project could not be compiled for validation: {ex.Message}")
            {
                Hint = "Nothing was written. Check the references, or pass --force to skip compile validation.",
            });
        }
    }

    private static List<(string File, SyntaxIssue Issue)> Introduced(PlanValidationContext context, ProjectInputs project)
    {
        var parseOptions = CSharpSyntaxChecker.ParseOptions(project.LanguageVersion, project.PreprocessorSymbols);
        var planned = context.Changes.Where(c => IsCSharp(c.Path.Relative)).ToDictionary(c => Key(c.Path.Full), c => c);
        var beforeTrees = new List<SyntaxTree>();
        var afterTrees = new List<SyntaxTree>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string source in project.Sources)
        {
            if (!seen.Add(Key(source)))
            {
                continue;
            }

            string display = Display(context.Root, source);
            if (planned.TryGetValue(Key(source), out var change))
            {
                if (change.BeforeText is { } before)
                {
                    beforeTrees.Add(CSharpSyntaxTree.ParseText(before, parseOptions, display));
                }

                if (change.AfterText is { } after)
                {
                    afterTrees.Add(CSharpSyntaxTree.ParseText(after, parseOptions, display));
                }
            }
            else if (File.Exists(source))
            {
                var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(source), parseOptions, display);
                beforeTrees.Add(tree);
                afterTrees.Add(tree);
            }
        }

        // New files below the project folder join the build, as the SDK's default Compile glob would include them.
        foreach (var change in planned.Values.Where(c => c.Before is null && c.After is not null && !seen.Contains(Key(c.Path.Full)) && InProject(project, c.Path.Full)))
        {
            afterTrees.Add(CSharpSyntaxTree.ParseText(change.AfterText!, parseOptions, change.Path.Relative));
        }

        if (project.GlobalUsings is { } usings)
        {
            var tree = CSharpSyntaxTree.ParseText(usings, parseOptions, "GlobalUsings.g.cs");
            beforeTrees.Add(tree);
            afterTrees.Add(tree);
        }

        var references = project.References.Where(File.Exists).Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)).ToList();
        var compilationOptions = new CSharpCompilationOptions(OutputKindOf(project.OutputType))
            .WithAllowUnsafe(project.AllowUnsafeBlocks)
            .WithConcurrentBuild(false);
        var afterIssues = Errors(CSharpCompilation.Create("PatchBuildValidation", afterTrees, references, compilationOptions));
        if (afterIssues.Count == 0)
        {
            return [];
        }

        var beforeIssues = Errors(CSharpCompilation.Create("PatchBuildValidation", beforeTrees, references, compilationOptions));
        var introduced = IssueDiff.New(beforeIssues.Select(i => i.Issue).ToList(), afterIssues.Select(i => i.Issue).ToList());
        var introducedSet = new HashSet<SyntaxIssue>(introduced, ReferenceEqualityComparer.Instance);
        return afterIssues.Where(i => introducedSet.Contains(i.Issue)).ToList();
    }

    private static List<(string File, SyntaxIssue Issue)> Errors(CSharpCompilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                var issue = new SyntaxIssue(d.Id, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                return (span.Path ?? "", issue);
            })
            .ToList();

    private static PatchError Error(List<(string File, SyntaxIssue Issue)> introduced, PlanValidationContext context)
    {
        var (file, first) = introduced[0];
        string more = introduced.Count > 1 ? $" (and {introduced.Count - 1} more)" : "";
        var (patchLine, patchFile) = new PatchLineLocator(context.Patches).Locate(file, LineText(context, file, first.Line));
        return new PatchError(ErrorCodes.ValidationFailed, $"The patch breaks the build: {first.Format(file)}{more}")
        {
            File = file.Length > 0 ? file : null,
            Line = patchLine,
            PatchFile = patchFile,
            Hint = "Fix the patch (add the missing using, member or conversion it relies on); nothing was written. --force skips this check.",
            Context = new Dictionary<string, object?>
            {
                ["kind"] = "compile",
                ["diagnostics"] = introduced.Take(MaxListed).Select(i => WithFile(i.Issue.ToContext(), i.File)).ToList(),
                ["formatted"] = introduced.Take(MaxListed).Select(i => i.Issue.Format(i.File)).ToList(),
            },
        };
    }

    private static Dictionary<string, object?> WithFile(Dictionary<string, object?> context, string file)
    {
        context["file"] = file;
        return context;
    }

    private static string? LineText(PlanValidationContext context, string file, int line)
    {
        var change = context.Changes.FirstOrDefault(c => c.Path.Relative == file);
        var lines = change is null ? null : change.AfterText is { } text ? AddedLines.SplitLines(text) : null;
        return lines is not null && line - 1 < lines.Length ? lines[line - 1] : null;
    }

    private static OutputKind OutputKindOf(string? outputType) => outputType?.ToLowerInvariant() switch
    {
        "exe" => OutputKind.ConsoleApplication,
        "winexe" => OutputKind.WindowsApplication,
        _ => OutputKind.DynamicallyLinkedLibrary,
    };

    private static bool InProject(ProjectInputs project, string full)
    {
        if (project.ProjectDirectory is not { } dir)
        {
            return false;
        }

        string relative = Path.GetRelativePath(dir, full).Replace('\\', '/');
        return !relative.StartsWith("../", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal) &&
               !relative.StartsWith("obj/", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static bool IsCSharp(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static string Key(string path) => Path.GetFullPath(path);

    private static string Display(string root, string full)
    {
        string relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) ? full : relative;
    }
}
