using PatchBuild.Core.Model;

namespace PatchBuild.Core.Formats.Codex;

/// <summary>
/// Reads an OpenAI Codex apply_patch text into the common model: Add File becomes a Recreate that may replace an
/// existing file, Delete File a Delete of a file, Update File a Modify holding its chunks (after a Rename when
/// "*** Move to:" follows). Parsing never touches the disk.
/// </summary>
internal static class CodexParser
{
    private const string AddMarker = "*** Add File:";
    private const string DeleteMarker = "*** Delete File:";
    private const string UpdateMarker = "*** Update File:";
    private const string MoveMarker = "*** Move to:";

    public static PatchSet Parse(string text, string? sourcePath, ParseOptions options)
    {
        var lines = CodexEnvelope.SplitLines(text);
        var warnings = new List<PatchWarning>();
        var (start, end) = CodexEnvelope.Locate(lines, sourcePath, options.Strict, warnings);
        var files = new List<FileChange>();
        int operation = 0;
        int i = start;
        while (i < end)
        {
            string marker = lines[i].Trim();
            if (marker.Length == 0)
            {
                i++;
                continue;
            }

            operation++;
            int headerLine = i + 1;
            if (TryPath(marker, AddMarker, headerLine, sourcePath, out string path))
            {
                var content = ReadAddedLines(lines, ref i, end);
                files.Add(new FileChange(path, FileChangeKind.Recreate) { Content = content, PatchLine = headerLine, ReplacesExisting = true });
            }
            else if (TryPath(marker, DeleteMarker, headerLine, sourcePath, out path))
            {
                i++;
                files.Add(new FileChange(path, FileChangeKind.Delete) { PatchLine = headerLine, FileOnly = true });
            }
            else if (TryPath(marker, UpdateMarker, headerLine, sourcePath, out path))
            {
                i++;
                string? moveTo = ReadMove(lines, ref i, end, sourcePath);
                var chunks = CodexChunkReader.Read(lines, ref i, end, path, headerLine, sourcePath);
                string target = path;
                if (moveTo is not null && !SamePath(moveTo, path))
                {
                    files.Add(new FileChange(path, FileChangeKind.Rename) { NewPath = moveTo, PatchLine = headerLine, ReplacesExisting = true, FileOnly = true });
                    target = moveTo;
                }

                files.Add(new FileChange(target, FileChangeKind.Modify)
                {
                    PatchLine = headerLine,
                    Modifications =
                    [
                        new ChunkModification
                        {
                            Chunks = chunks,
                            Number = operation,
                            PatchLine = chunks[0].PatchLine,
                            RawText = string.Join('\n', lines[(headerLine - 1)..i]),
                        },
                    ],
                });
            }
            else
            {
                throw CodexEnvelope.Invalid(
                    $"Line {headerLine}: '{CodexEnvelope.Shorten(lines[i])}' is not a file operation.", headerLine, sourcePath,
                    "Each file section starts with '*** Add File: <path>', '*** Delete File: <path>' or '*** Update File: <path>'.");
            }
        }

        return new PatchSet(PatchFormat.Codex, files) { Warnings = warnings };
    }

    private static bool TryPath(string marker, string prefix, int line, string? sourcePath, out string path)
    {
        path = "";
        if (!marker.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        path = marker[prefix.Length..].Trim();
        if (path.Length == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidFilePath, $"Line {line}: '{prefix}' names no file.")
            {
                Line = line,
                PatchFile = sourcePath,
                Hint = $"Write the file's path relative to the project after the marker: '{prefix} src/App.cs'.",
            });
        }

        return true;
    }

    // Every "+" line is a line of the new file. A blank line between "+" lines is an empty line a model wrote
    // without its "+"; blank lines before the next marker only separate sections.
    private static string ReadAddedLines(string[] lines, ref int i, int end)
    {
        var content = new List<string>();
        i++;
        while (i < end)
        {
            if (lines[i].StartsWith('+'))
            {
                content.Add(lines[i][1..]);
                i++;
                continue;
            }

            int next = i;
            while (next < end && string.IsNullOrWhiteSpace(lines[next]))
            {
                next++;
            }

            if (next == i || next >= end || !lines[next].StartsWith('+'))
            {
                break;
            }

            for (; i < next; i++)
            {
                content.Add("");
            }
        }

        return content.Count == 0 ? "" : string.Join('\n', content) + "\n";
    }

    private static string? ReadMove(string[] lines, ref int i, int end, string? sourcePath)
    {
        int next = i;
        while (next < end && string.IsNullOrWhiteSpace(lines[next]))
        {
            next++;
        }

        if (next >= end || !TryPath(lines[next].Trim(), MoveMarker, next + 1, sourcePath, out string moveTo))
        {
            return null;
        }

        i = next + 1;
        return moveTo;
    }

    // "*** Move to:" naming the file itself is no move. Only the same spelling counts: anything else goes through the path guard.
    private static bool SamePath(string a, string b) => string.Equals(a.Replace('\\', '/'), b.Replace('\\', '/'), StringComparison.Ordinal);
}
