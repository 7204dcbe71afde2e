using System.CommandLine;
using PatchBuild.Core.Authoring.CodePlacement;
using PatchBuild.Core.Authoring.Templates;
using PatchBuild.Core.Model;

namespace PatchBuild.Cli.Commands;

/// <summary>
/// The `new` options for templates (--template, --set, --list-templates) and Roslyn placement (--from-code, --into,
/// --after, --end-of). Thin: Core's PatchTemplates and CodeAuthoring write and prove the patch.
/// </summary>
public sealed class NewTemplateOptions
{
    private readonly Option<string?> _template = new("--template") { Description = "Write the patch from this template ('list' lists them)." };
    private readonly Option<string[]> _set = new("--set") { Description = "Template values: name=value,name2=value2 (repeatable; \\, is a literal comma).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _list = new("--list-templates") { Description = "List the built-in and repository templates with their variables." };
    private readonly Option<string?> _fromCode = new("--from-code") { Description = "A file holding C# members or types to place ('-' reads standard input)." };
    private readonly Option<string?> _into = new("--into") { Description = "The C# file --from-code places into (relative to --root)." };
    private readonly Option<string?> _after = new("--after") { Description = "Place the code after this type or member (User.Save, Models.User)." };
    private readonly Option<string?> _endOf = new("--end-of") { Description = "Place the code at the end of this type's body." };

    public void AddTo(Command command)
    {
        command.Options.Add(_template);
        command.Options.Add(_set);
        command.Options.Add(_list);
        command.Options.Add(_fromCode);
        command.Options.Add(_into);
        command.Options.Add(_after);
        command.Options.Add(_endOf);
    }

    /// <summary>Runs when one of these options was given; null otherwise (another way of `new` handles the call).</summary>
    public async Task<int?> TryRunAsync(ParseResult parse, NewCommandContext context, CancellationToken cancellationToken)
    {
        string? template = parse.GetValue(_template);
        string? fromCode = parse.GetValue(_fromCode);
        bool list = parse.GetValue(_list) || string.Equals(template, "list", StringComparison.OrdinalIgnoreCase);
        if (template is null && fromCode is null && !list)
        {
            if (parse.GetValue(_into) is not null || parse.GetValue(_after) is not null || parse.GetValue(_endOf) is not null || (parse.GetValue(_set)?.Length ?? 0) > 0)
            {
                throw new UsageException("--into, --after and --end-of go with --from-code; --set goes with --template.");
            }

            return null;
        }

        if ((template is not null || list) && fromCode is not null)
        {
            throw new UsageException("--template and --from-code are two ways of writing a patch; give one.");
        }

        try
        {
            if (list)
            {
                List(context);
                return CliApp.ExitSuccess;
            }

            WrittenPatch patch;
            if (template is not null)
            {
                if (parse.GetValue(_into) is not null || parse.GetValue(_after) is not null || parse.GetValue(_endOf) is not null)
                {
                    throw new UsageException("--into, --after and --end-of go with --from-code.");
                }

                var values = TemplateValues.Parse(parse.GetValue(_set) ?? []);
                patch = await PatchTemplates.CreateAsync(context.Root, template, values, context.File, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                patch = await FromCodeAsync(parse, context, fromCode!, cancellationToken).ConfigureAwait(false);
            }

            return Write(context, patch);
        }
        catch (PatchException ex)
        {
            context.Console.Error.WriteLine($"error {ex.Error.Code}: {ex.Error.Message}");
            if (ex.Error.Hint is { } hint)
            {
                context.Console.Error.WriteLine($"Fix: {hint}");
            }

            return CliApp.ExitFailure;
        }
    }

    private async Task<WrittenPatch> FromCodeAsync(ParseResult parse, NewCommandContext context, string fromCode, CancellationToken cancellationToken)
    {
        string into = parse.GetValue(_into) ?? context.File ?? throw new UsageException("--from-code needs --into TARGET.cs.");
        string? after = parse.GetValue(_after);
        string? endOf = parse.GetValue(_endOf);
        if (after is not null && endOf is not null)
        {
            throw new UsageException("--after and --end-of are two placements; give one.");
        }

        if ((parse.GetValue(_set)?.Length ?? 0) > 0)
        {
            throw new UsageException("--set goes with --template.");
        }

        string code;
        if (fromCode == "-")
        {
            using var reader = new StreamReader(context.Console.Input());
            code = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            string path = Path.GetFullPath(fromCode);
            if (!File.Exists(path))
            {
                throw new UsageException($"--from-code '{fromCode}' does not exist.");
            }

            if (new FileInfo(path).Length > TemplateParser.MaxLength * 16)
            {
                throw new UsageException($"--from-code '{fromCode}' is larger than 1 MiB.");
            }

            code = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var placement = after is not null ? new Placement(PlacementKind.After, after)
            : endOf is not null ? new Placement(PlacementKind.EndOf, endOf)
            : Placement.Default;
        return await CodeAuthoring.FromCodeAsync(context.Root, code, into, placement, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static void List(NewCommandContext context)
    {
        foreach (var template in TemplateCatalog.List(context.Root))
        {
            string source = template.Source == TemplateSource.BuiltIn ? "built-in" : TemplateCatalog.RepositoryFolder;
            context.Console.Out.WriteLine($"{template.Name}  ({source}{(template.Targets.Count > 0 ? ", " + string.Join(' ', template.Targets) : "")})");
            context.Console.Out.WriteLine($"    {template.Description}");
            foreach (var variable in template.Variables)
            {
                string need = variable.Required ? "required" : variable.Default is { Length: > 0 } d ? $"default {d}" : "optional";
                context.Console.Out.WriteLine($"    --set {variable.Name}=  {variable.KindName}, {need}: {variable.Description}");
            }
        }
    }

    /// <summary>The patch to --out (never over an existing file without --force) or to standard output.</summary>
    private static int Write(NewCommandContext context, WrittenPatch patch)
    {
        if (context.Out is null)
        {
            context.Console.Out.Write(patch.Text);
            return CliApp.ExitSuccess;
        }

        string path = Path.GetFullPath(context.Out);
        if (Directory.Exists(path))
        {
            throw new UsageException($"--out '{context.Out}' is a folder.");
        }

        var mode = context.Force ? FileMode.Create : FileMode.CreateNew;
        try
        {
            using var stream = new FileStream(path, mode, FileAccess.Write);
            stream.Write(new System.Text.UTF8Encoding(false).GetBytes(patch.Text));
        }
        catch (IOException) when (!context.Force && File.Exists(path))
        {
            context.Console.Error.WriteLine($"error {ErrorCodes.FileExists}: '{context.Out}' exists.");
            context.Console.Error.WriteLine("Fix: choose another --out, or pass --force to overwrite it.");
            return CliApp.ExitFailure;
        }

        context.Console.Error.WriteLine($"Wrote {context.Out} ({(patch.Format == PatchFormat.PatchJson ? "patch.json" : "ap")}, changes {patch.TargetPath}). Apply it with: patchbuild apply {context.Out}");
        return CliApp.ExitSuccess;
    }
}
