namespace PatchBuild.Core.Validation;

/// <summary>What syntax and compile validation need to know about the project a patch targets.</summary>
public sealed record ProjectInputs
{
    public static ProjectInputs None { get; } = new();

    /// <summary>Full paths of the C# files the project compiles.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Full paths of the referenced assemblies.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public string? LanguageVersion { get; init; }
    public IReadOnlyList<string> PreprocessorSymbols { get; init; } = [];
    public string? OutputType { get; init; }
    public bool AllowUnsafeBlocks { get; init; }

    /// <summary>The project's implicit global usings, when the SDK has not written its generated file yet.</summary>
    public string? GlobalUsings { get; init; }

    /// <summary>The project's folder; new .cs files planned below it join the compilation, as the SDK's default glob would.</summary>
    public string? ProjectDirectory { get; init; }

    public bool CanCompile => Sources.Count > 0 && References.Count > 0;

    /// <summary>Inputs from the options, evaluating <see cref="ApplyOptions.ProjectFile"/> when the sources were not given.</summary>
    public static ProjectInputs Resolve(ApplyOptions options, string root)
    {
        var inputs = None;
        if (options.ProjectFile is { } project && options.CompileSources.Count == 0)
        {
            inputs = ProjectEvaluator.Evaluate(Path.GetFullPath(project, root));
        }

        return inputs with
        {
            Sources = options.CompileSources.Count > 0 ? options.CompileSources.Select(s => Path.GetFullPath(s, root)).ToList() : inputs.Sources,
            References = options.CompileReferences.Count > 0 ? options.CompileReferences.Select(r => Path.GetFullPath(r, root)).ToList() : inputs.References,
            LanguageVersion = options.LanguageVersion ?? inputs.LanguageVersion,
            PreprocessorSymbols = options.PreprocessorSymbols.Count > 0 ? options.PreprocessorSymbols : inputs.PreprocessorSymbols,
            OutputType = options.OutputType ?? inputs.OutputType,
            AllowUnsafeBlocks = options.AllowUnsafeBlocks || inputs.AllowUnsafeBlocks,
            ProjectDirectory = inputs.ProjectDirectory ?? (options.ProjectFile is { } p ? Path.GetDirectoryName(Path.GetFullPath(p, root)) : null),
        };
    }
}
