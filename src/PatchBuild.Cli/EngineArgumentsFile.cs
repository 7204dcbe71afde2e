using System.Text.Json;

namespace PatchBuild.Cli;

/// <summary>
/// `patchbuild COMMAND --arguments-file ARGS.json`: how the MSBuild task passes arguments. The file is a JSON array
/// of strings, read as data: each element is exactly one argument, never split at spaces or quotes and never
/// expanded as a response file, so a hostile patch file name cannot become an option (issue 14 §1).
/// </summary>
public static class EngineArgumentsFile
{
    public const string Option = "--arguments-file";

    /// <summary>True when the arguments are COMMAND --arguments-file FILE; then <paramref name="expanded"/> is COMMAND and the file's arguments.</summary>
    public static bool TryExpand(string[] args, out string[] expanded)
    {
        expanded = args;
        if (args.Length != 3 || args[1] != Option)
        {
            return false;
        }

        expanded = [args[0], .. Read(args[2])];
        return true;
    }

    public static IReadOnlyList<string> Read(string path)
    {
        string[]? arguments;
        try
        {
            arguments = JsonSerializer.Deserialize(File.ReadAllText(path), ArgumentsJsonContext.Default.StringArray);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{Option} '{path}' is not a JSON array of strings: {ex.Message}");
        }

        if (arguments is null || arguments.Any(a => a is null))
        {
            throw new UsageException($"{Option} '{path}' is not a JSON array of strings.");
        }

        return arguments;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class ArgumentsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
