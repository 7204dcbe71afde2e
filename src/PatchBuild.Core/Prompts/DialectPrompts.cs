using PatchBuild.Core.Model;

namespace PatchBuild.Core.Prompts;

/// <summary>
/// Instructions a user attaches to an assistant's prompt so the model answers in a dialect PatchBuild applies
/// (`patchbuild prompt`, and the `ai` command reuses the ap text). Each text ends with an example that the tests
/// apply with the engine, so the instructions never teach something PatchBuild refuses.
/// </summary>
public static class DialectPrompts
{
    /// <summary>The dialects that have instructions, in the order `prompt` lists them.</summary>
    public static IReadOnlyList<PatchFormat> Dialects { get; } = [PatchFormat.Ap, PatchFormat.Codex, PatchFormat.Aider, PatchFormat.UnifiedDiff];

    /// <summary>The file the examples edit, and its content before the edit (the tests create it).</summary>
    public const string ExampleFile = "src/Greeter.cs";

    public const string ExampleBefore = """
        namespace Demo;

        public static class Greeter
        {
            public static string Greet(string name)
            {
                return "Hello " + name;
            }
        }

        """;

    /// <summary>The content every example leaves in <see cref="ExampleFile"/>.</summary>
    public const string ExampleAfter = """
        namespace Demo;

        public static class Greeter
        {
            public static string Greet(string name)
            {
                return $"Hello, {name}!";
            }
        }

        """;

    public static string For(PatchFormat format) => format switch
    {
        PatchFormat.Ap => Ap,
        PatchFormat.Codex => Codex,
        PatchFormat.Aider => Aider,
        PatchFormat.UnifiedDiff => Diff,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No instructions for this dialect."),
    };

    /// <summary>The example patch inside a dialect's instructions: the text between the "EXAMPLE" markers.</summary>
    public static string ExampleOf(PatchFormat format)
    {
        string text = For(format);
        int start = text.IndexOf(ExampleStart, StringComparison.Ordinal) + ExampleStart.Length;
        int end = text.IndexOf(ExampleEnd, start, StringComparison.Ordinal);
        return text[start..end];
    }

    private const string ExampleStart = "----- example start -----\n";
    private const string ExampleEnd = "----- example end -----";

    public const string Ap = """
        Answer with a patch in the ap 3.2 format; PatchBuild applies it. Rules:
        - Pick an ID of eight random lower-case hex digits (for example 3f9c0a7e). The first line is "<ID> AP 3.2".
          Every directive line starts with that ID and a space; every other line is text.
        - "<ID> FILE" with the path (relative to the project root) on the next line starts the changes to one file.
        - Find places by quoting code, never by line numbers. "<ID> REPLACE", "<ID> INSERT_AFTER",
          "<ID> INSERT_BEFORE" or "<ID> DELETE" are followed by "<ID> snippet" and the exact lines to find (copy
          them from the file; they must occur once), then, except for DELETE, "<ID> content" and the new lines.
        - "<ID> CREATE" followed by "<ID> content" writes a new file; "<ID> RECREATE" rewrites a whole file.
        - Keep each snippet short (two to six lines) but unique in the file.
        - Write the patch as plain text, without markdown fences and without explanations inside it.
        Example (it changes the greeting in src/Greeter.cs):
        ----- example start -----
        3f9c0a7e AP 3.2

        3f9c0a7e FILE
        src/Greeter.cs

        3f9c0a7e REPLACE
        3f9c0a7e snippet
                return "Hello " + name;
        3f9c0a7e content
                return $"Hello, {name}!";
        ----- example end -----

        """;

    public const string Codex = """
        Answer with a patch in the apply_patch format (as OpenAI Codex writes it); PatchBuild applies it. Rules:
        - The patch starts with the line "*** Begin Patch" and ends with the line "*** End Patch".
        - "*** Update File: <path>" edits a file, "*** Add File: <path>" creates one (each of its lines starts
          with "+"), "*** Delete File: <path>" removes one. Paths are relative to the project root.
        - Under "*** Update File:", "*** Move to: <path>" may rename the file.
        - Each change is a chunk: an "@@" line (optionally "@@ <a line such as a class or method header>" to say
          where to look), then lines that start with " " (unchanged context, about three lines before and after),
          "-" (removed) or "+" (added). Never write line numbers.
        - Copy context and removed lines exactly from the file, in order from the top of the file down.
        Example (it changes the greeting in src/Greeter.cs):
        ----- example start -----
        *** Begin Patch
        *** Update File: src/Greeter.cs
        @@ public static string Greet(string name)
             {
        -        return "Hello " + name;
        +        return $"Hello, {name}!";
             }
        *** End Patch
        ----- example end -----

        """;

    public const string Aider = """
        Answer with SEARCH/REPLACE blocks (as Aider writes them); PatchBuild applies them. Rules:
        - For each change, write the file's path (relative to the project root) alone on a line, then a fenced
          block that holds: "<<<<<<< SEARCH", the exact lines to find, "=======", the lines to put in their place,
          and ">>>>>>> REPLACE".
        - The SEARCH lines must match the file character for character, indentation included, and should occur
          once: include a few surrounding lines to make them unique. Keep blocks small; use several for several
          places.
        - To create a file, give its path and a block with an empty SEARCH part.
        - Blocks apply in order; prose between them is ignored. Shell commands are never run.
        Example (it changes the greeting in src/Greeter.cs):
        ----- example start -----
        src/Greeter.cs
        ```csharp
        <<<<<<< SEARCH
                return "Hello " + name;
        =======
                return $"Hello, {name}!";
        >>>>>>> REPLACE
        ```
        ----- example end -----

        """;

    public const string Diff = """
        Answer with a unified diff (the format of git diff); PatchBuild applies it. Rules:
        - For each file, write "--- a/<path>" and "+++ b/<path>" (paths relative to the project root); for a new
          file, "--- /dev/null"; for a deleted one, "+++ /dev/null".
        - Then hunks: "@@ -<old start>,<old count> +<new start>,<new count> @@", followed by lines that start with
          " " (unchanged context, three lines before and after the change), "-" (removed) or "+" (added).
        - Copy context and removed lines exactly from the file. If you are unsure of the line numbers, still write
          them as well as you can: PatchBuild places each hunk by its context and recounts the lines.
        Example (it changes the greeting in src/Greeter.cs):
        ----- example start -----
        --- a/src/Greeter.cs
        +++ b/src/Greeter.cs
        @@ -4,6 +4,6 @@ public static class Greeter
         {
             public static string Greet(string name)
             {
        -        return "Hello " + name;
        +        return $"Hello, {name}!";
             }
         }
        ----- example end -----

        """;
}
