using System.CommandLine;
using PatchBuild.Core.Authoring;

namespace PatchBuild.Cli.Commands;

/// <summary>`new --file F --replace OLD --with NEW` and `new --file F --insert-after|--insert-before LOCATOR --content FILE|-`.</summary>
public sealed class NewEditMode : INewMode
{
    private readonly Option<string?> _replace = new("--replace") { Description = "The line(s) to replace (must occur once; indentation and blank lines do not matter)." };
    private readonly Option<string?> _with = new("--with") { Description = "The replacement text (empty deletes)." };
    private readonly Option<string?> _after = new("--insert-after") { Description = "Insert after the line(s) given (must occur once)." };
    private readonly Option<string?> _before = new("--insert-before") { Description = "Insert before the line(s) given (must occur once)." };
    private readonly Option<string?> _content = new("--content") { Description = "File holding the text to insert ('-' reads standard input)." };

    public string Names => "--file with --replace/--with or --insert-after/--insert-before and --content";

    public void AddOptions(Command command)
    {
        foreach (var option in new[] { _replace, _with, _after, _before, _content })
        {
            command.Options.Add(option);
        }
    }

    public bool IsRequested(ParseResult parse) =>
        parse.GetValue(_replace) is not null || parse.GetValue(_after) is not null || parse.GetValue(_before) is not null;

    public AuthoredPatch Author(ParseResult parse, NewContext context)
    {
        string file = context.File ?? throw new UsageException("--file names the file to change.");
        string? replace = parse.GetValue(_replace), with = parse.GetValue(_with), after = parse.GetValue(_after), before = parse.GetValue(_before);
        int actions = (replace is null ? 0 : 1) + (after is null ? 0 : 1) + (before is null ? 0 : 1);
        if (actions != 1)
        {
            throw new UsageException("Give exactly one of --replace, --insert-after and --insert-before.");
        }

        string path = file.Replace('\\', '/');
        byte[] bytes = PatchAuthoring.ReadTarget(context.Root, path);
        if (replace is not null)
        {
            return with is null
                ? throw new UsageException("--replace needs --with (use --with \"\" to delete).")
                : PatchAuthoring.Replace(path, bytes, replace, with);
        }

        string content = parse.GetValue(_content) is { } source
            ? ReadContent(source, context)
            : throw new UsageException("--insert-after and --insert-before need --content FILE (or - for standard input).");
        return PatchAuthoring.Insert(path, bytes, after ?? before!, content, after: after is not null);
    }

    private static string ReadContent(string source, NewContext context)
    {
        if (source == "-")
        {
            using var reader = new StreamReader(context.Console.Input());
            return reader.ReadToEnd();
        }

        return File.Exists(source) ? File.ReadAllText(source) : throw new UsageException($"--content file '{source}' was not found.");
    }
}
