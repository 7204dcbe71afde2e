using System.Text;
using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.State;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Authoring.Ai;

/// <summary>
/// Everything a run settles before the first request: root, settings, endpoint, the files the model may change
/// (each judged by the same path rules as a patch's targets) and their content, and where the patch will go.
/// </summary>
internal sealed class AiInputs
{
    private readonly HashSet<string> _allowed;
    private readonly PathGuard _guard;

    private AiInputs(string root, PathGuard guard, IReadOnlyList<AiTarget> targets)
    {
        Root = root;
        _guard = guard;
        Targets = targets;
        _allowed = targets.Select(t => t.Relative).ToHashSet(StringComparer.Ordinal);
    }

    public string Root { get; }

    public string WorkspaceRoot { get; private init; } = "";

    public IReadOnlyList<AiTarget> Targets { get; }

    public IReadOnlyList<AiTask> Tasks { get; private init; } = [];

    public AiEndpoint Endpoint { get; private init; } = null!;

    public int MaxAttempts { get; private init; }

    /// <summary>The options every engine call of the run uses (root, settings, limits, --project, --test).</summary>
    public ApplyOptions Apply { get; private init; } = new();

    public string PatchPath { get; private init; } = "";

    private bool OutGiven { get; init; }

    private string? ProjectFile { get; init; }

    public static AiInputs Resolve(AiRunOptions options)
    {
        var planTasks = options.PlanFile is null ? [] : AiPlanFile.Load(options.PlanFile);
        if (string.IsNullOrWhiteSpace(options.Instruction) && planTasks.Count == 0)
        {
            throw Refused("No instruction was given.", "Pass the instruction as the first argument, or a plan with --plan plan.json.");
        }

        if (options.Instruction is { Length: > AiTask.MaxInstructionLength })
        {
            throw Refused($"The instruction is longer than {AiTask.MaxInstructionLength} characters.", "Keep the instruction to what one patch does; use --plan for several.");
        }

        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Apply.Root
            ?? (options.Files.Count > 0 ? PatchRoot.For(options.Files[0]) : options.PlanFile is not null ? PatchRoot.For(options.PlanFile) : Directory.GetCurrentDirectory())));
        if (!Directory.Exists(root))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileNotFound, $"Root folder not found: '{root}'.") { Hint = "Pass an existing folder with --root." });
        }

        var config = options.Apply.Config ?? PatchBuildConfigLoader.Load(root, options.Apply.ConfigPath);
        var limits = options.Apply.Limits ?? config.Limits;
        var guard = new PathGuard(root);

        var relatives = new List<string>();
        foreach (string file in options.Files)
        {
            relatives.Add(TargetOf(guard, root, Path.GetRelativePath(root, Path.GetFullPath(file)), file));
        }

        var tasks = new List<AiTask>();
        if (!string.IsNullOrWhiteSpace(options.Instruction))
        {
            tasks.Add(new AiTask(null, options.Instruction));
        }

        foreach (var task in planTasks)
        {
            string relative = TargetOf(guard, root, task.File!, task.File!);
            relatives.Add(relative);
            tasks.Add(task with { File = relative });
        }

        var distinct = relatives.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            throw Refused("No file was given.", "Name the files the model may change with --file (repeat it), or list them in --plan.");
        }

        if (distinct.Count > AiRunOptions.MaxFiles)
        {
            throw Refused($"{distinct.Count} files were given; at most {AiRunOptions.MaxFiles} go in one request.", "Split the change into several runs.");
        }

        var targets = ReadTargets(guard, distinct, limits);
        var apply = options.Apply with { Root = root, Config = config, Limits = limits, Partial = false, DryRun = false };
        string workspace = HistorySession.Locate(root, apply.BackupDir, config.History).Paths.WorkspaceRoot;
        if (options.Mode != AiMode.DryRun)
        {
            // The transcript goes through the state folder's rules: refused now, before anything is asked, when a
            // link stands where .patchbuild or .patchbuild/ai should be.
            var state = new StateFolder(workspace);
            state.Verify();
            if (state.Exists)
            {
                state.Entry(AiTranscript.FolderName);
            }
        }

        if (options.OutPath is { } outGiven)
        {
            // Refused now rather than after the model answered (and, with --apply, after the tree was written).
            GuardOutPath(guard, root, Path.GetFullPath(outGiven));
        }

        return new AiInputs(root, guard, targets)
        {
            WorkspaceRoot = workspace,
            Tasks = tasks,
            Endpoint = AiEndpoint.Resolve(config.Ai, options.Model, options.TimeoutSeconds, options.Environment),
            MaxAttempts = options.MaxAttempts ?? config.Ai.MaxAttempts ?? AiRunOptions.DefaultMaxAttempts,
            Apply = apply,
            PatchPath = options.OutPath is { } outPath ? Path.GetFullPath(outPath) : DefaultPatchPath(root, apply.ProjectFile, PatchFormat.Ap),
            OutGiven = options.OutPath is not null,
            ProjectFile = apply.ProjectFile,
        };
    }

    /// <summary>The errors for every path the patch touches that was not given (or leaves the root, or reaches .git).</summary>
    public IReadOnlyList<PatchError> RefusedFiles(PatchSet patch)
    {
        var errors = new List<PatchError>();
        foreach (var change in patch.Files)
        {
            foreach (string? path in new[] { change.Path, change.NewPath })
            {
                if (path is null)
                {
                    continue;
                }

                string? relative = null;
                string reason;
                try
                {
                    relative = _guard.Resolve(path).Relative;
                    reason = "it was not given with --file or in the plan";
                }
                catch (PatchException ex)
                {
                    reason = ex.Error.Message;
                }

                if (relative is null || !_allowed.Contains(relative))
                {
                    errors.Add(new PatchError(AiErrorCodes.FileRefused, $"The answer changes '{path}', which it may not: {reason}.")
                    {
                        File = path,
                        Hint = $"Change only these files: {string.Join(", ", _allowed)}.",
                    });
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// Writes the validated patch (--out, else ai-TIMESTAMP with the dialect's extension) atomically, never through
    /// a link, never under .git or .patchbuild of the root. Returns where.
    /// </summary>
    public async Task<string> WritePatchAsync(string text, PatchFormat format, CancellationToken cancellationToken)
    {
        string full = OutGiven ? PatchPath : DefaultPatchPath(Root, ProjectFile, format);
        GuardOutPath(_guard, Root, full);

        if (!OutGiven && File.Exists(full))
        {
            throw new PatchException(new PatchError(ErrorCodes.FileExists, $"'{full}' exists; the patch was not written over it.") { Hint = "Pass --out PATH." });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string content = text.EndsWith('\n') ? text : text + "\n";
        await WorkspaceCommitter.WriteAtomicallyAsync(full, new UTF8Encoding(false).GetBytes(content), cancellationToken).ConfigureAwait(false);
        return full;
    }

    // Inside the root the patch file obeys the path rules of a patch's targets: no link out, nothing under .git or
    // .patchbuild. Outside it, --out is the user's own choice.
    private static void GuardOutPath(PathGuard guard, string root, string full)
    {
        string relative = Path.GetRelativePath(root, full);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
        {
            guard.Verify(relative.Replace('\\', '/'));
        }
    }

    private static string TargetOf(PathGuard guard, string root, string relative, string shown)
    {
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || relative.StartsWith("..\\", StringComparison.Ordinal))
        {
            throw Refused($"'{shown}' is outside the root '{root}'.", "Give files inside the project, or pass --root with the folder that holds them.");
        }

        try
        {
            return guard.Resolve(relative.Replace('\\', '/')).Relative;
        }
        catch (PatchException ex)
        {
            throw Refused($"'{shown}' cannot be given to the model: {ex.Error.Message}", ex.Error.Hint ?? "Give files inside the project.");
        }
    }

    private static List<AiTarget> ReadTargets(PathGuard guard, IReadOnlyList<string> relatives, InputLimits limits)
    {
        var targets = new List<AiTarget>();
        long total = 0;
        foreach (string relative in relatives)
        {
            var path = guard.Resolve(relative);
            if (Directory.Exists(path.Full))
            {
                throw Refused($"'{relative}' is a folder.", "Give files with --file, one at a time.");
            }

            if (!File.Exists(path.Full))
            {
                targets.Add(new AiTarget(relative, null));
                continue;
            }

            SpecialFiles.EnsureNotSpecial(path.Full, relative);
            limits.CheckTargetFileSize(new FileInfo(path.Full).Length, relative);
            var (text, _) = FileEncoding.Decode(File.ReadAllBytes(path.Full));
            total += text.Length;
            if (total > AiPrompt.MaxContentChars)
            {
                throw new PatchException(new PatchError(ErrorCodes.LimitExceeded, $"The files given hold more than {AiPrompt.MaxContentChars} characters; one request carries at most that.")
                {
                    Hint = "Give only the files the change needs.",
                });
            }

            targets.Add(new AiTarget(relative, text));
        }

        return targets;
    }

    // The extension names the dialect the model answered in, so `check` and a later apply see the patch for what it is.
    private static string DefaultPatchPath(string root, string? projectFile, PatchFormat format)
    {
        string folder = projectFile is not null ? Path.GetDirectoryName(Path.GetFullPath(projectFile))! : root;
        string extension = format switch
        {
            PatchFormat.Ap => ".ap",
            PatchFormat.UnifiedDiff => ".diff",
            PatchFormat.PatchJson => ".patch.json",
            _ => ".patch",
        };
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        string path = Path.Combine(folder, $"ai-{stamp}{extension}");
        for (int n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(folder, $"ai-{stamp}-{n}{extension}");
        }

        return path;
    }

    private static PatchException Refused(string message, string hint) =>
        new(new PatchError(AiErrorCodes.FileRefused, message) { Hint = hint });
}
