using System.Text.RegularExpressions;

namespace PatchBuild.Core.Tests.Ap.Differential;

/// <summary>
/// The cases both patchers run: the spec's own complete example (read from the pinned ap-3.2.md) and one or more
/// hand-written patches for each rule of the spec. Patches are written with '@' for the ID "e4a2f1b8".
/// </summary>
public static partial class DifferentialCases
{
    public const string Id = "e4a2f1b8";

    private const string Py = "# A module\nimport os\n\n\ndef add(a, b):\n    total = a + b\n    return total\n\n\ndef sub(a, b):\n    total = a - b\n    return total\n";
    private const string Go = "package main\n\nfunc one() int {\n\tx := 1\n\treturn x\n}\n\nfunc two() int {\n\tx := 2\n\treturn x\n}\n";
    private const string Lines = "alpha\nbeta\ngamma\ndelta\nepsilon\n";

    /// <summary>The "Complete Example" of the spec: its target file, its patch, and the result the spec requires.</summary>
    public static (string Target, string Patch, string Expected) SpecExample()
    {
        string spec = File.ReadAllText(ReferencePatcher.SpecPath);
        int section = spec.IndexOf("## 5. Complete Example", StringComparison.Ordinal);
        var blocks = Fenced().Matches(spec[section..]).Select(m => m.Groups[1].Value).Take(3).ToList();
        return (blocks[0], blocks[1], blocks[2]);
    }

    public static IEnumerable<DifferentialCase> All()
    {
        var (target, patch, _) = SpecExample();
        yield return new("spec §5 complete example", Tree(("src/calculator.py", target)), patch);
        yield return new("spec §5 complete example", Tree(("src/calculator.py", target)), patch, Strict: true);

        foreach (var c in Cases())
        {
            yield return c;
        }
    }

    private static IEnumerable<DifferentialCase> Cases()
    {
        // §2.2 header and ID
        yield return C("header missing, ID from the first directive", Lines, "@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n");
        yield return C("header missing, strict", Lines, "@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n", strict: true);
        yield return C("comments and prose before the header", Lines, "# Summary: x\nSome prose.\n@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n");
        yield return C("semantic ID in the header", Lines, "fix_bug1 AP 3.2\nfix_bug1 FILE\na.txt\nfix_bug1 DELETE\nfix_bug1 snippet\nbeta\n");
        yield return C("semantic ID in the header, strict", Lines, "fix_bug1 AP 3.2\nfix_bug1 FILE\na.txt\nfix_bug1 DELETE\nfix_bug1 snippet\nbeta\n", strict: true);
        yield return C("comments between directives", Lines, "@ AP 3.2\n@ FILE\na.txt\n# now the edit\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n");
        yield return C("comments between directives, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n# now the edit\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n", strict: true);
        yield return C("ID drift", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n0badf00d DELETE\n0badf00d snippet\ndelta\n");
        yield return C("ID drift, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n0badf00d DELETE\n0badf00d snippet\ndelta\n", strict: true);
        yield return C("unsupported version", Lines, "@ AP 9.9\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n");
        yield return C("markdown fences around the patch", Lines, "```\n@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n```\n");
        yield return C("END stops reading", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n@ END\nanything at all\n@ DELETE\n");
        yield return C("unknown directive", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ FROBNICATE\n@ snippet\nbeta\n");

        // §2.3 values
        yield return C("values are trimmed of blank edge lines", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\n\n\nbeta\n\n@ content\n\n  BETA\n\n\n@ END\n");
        yield return C("directive-like lines inside content with a fence", "x\n", "@ AP 3.2\n@ FILE\na.txt\n@ RECREATE\n@ content\nExample:\n```\n0badf00d AP 3.2\n0badf00d FILE\nb.txt\n```\n@ END\n");
        yield return C("the same words without an ID inside content", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nFILE\nsnippet\nREPLACE\n@ END\n");

        // §2.4 FILE
        yield return C("FILE with inline path and CRLF", Lines, "@ AP 3.2\n@ FILE CRLF a.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n");
        yield return C("FILE with CRLF keeps CRLF", "a\r\nb\r\nc\r\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nb\n@ content\nB\n");
        yield return C("path traversal", Lines, "@ AP 3.2\n@ FILE\n../x.txt\n@ CREATE\n@ content\nx\n");
        yield return C("target file missing", Lines, "@ AP 3.2\n@ FILE\ngone/missing.txt\n@ DELETE\n@ snippet\nbeta\n");

        // §2.5 actions
        yield return C("REPLACE", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\ngamma\n@ content\nGAMMA\nGAMMA2\n");
        yield return C("INSERT_AFTER", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\ngamma\n@ content\nnew\n");
        yield return C("INSERT_BEFORE", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_BEFORE\n@ snippet\ngamma\n@ content\nnew\n");
        yield return C("DELETE", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ngamma\ndelta\n");
        yield return C("DELETE with content", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ngamma\n@ content\nx\n");
        yield return C("CREATE a file", Lines, "@ AP 3.2\n@ FILE\nsub/new.txt\n@ CREATE\n@ content\nhello\nworld\n");
        yield return C("CREATE a folder", Lines, "@ AP 3.2\n@ FILE\nsub/dir\n@ CREATE\n@ END\n");
        yield return C("CREATE over a different file", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ CREATE\n@ content\nother\n");
        yield return C("CREATE over an identical file", "hello\n", "@ AP 3.2\n@ FILE\na.txt\n@ CREATE\n@ content\nhello\n");
        yield return C("CREATE over an empty file", "", "@ AP 3.2\n@ FILE\na.txt\n@ CREATE\n@ content\nhello\n");
        yield return C("RECREATE", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ RECREATE\n@ content\nall new\n");
        yield return C("RECREATE a missing file", Lines, "@ AP 3.2\n@ FILE\nnew/b.txt\n@ RECREATE\n@ content\nall new\n");
        yield return C("RECREATE with empty content and END truncates", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ RECREATE\n@ content\n@ END\n");
        yield return C("RENAME", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ RENAME\nb/c.txt\n");
        yield return C("RENAME already done", Lines, "@ AP 3.2\n@ FILE\nold/old.txt\n@ RENAME\na.txt\n");
        yield return C("RENAME with both missing", Lines, "@ AP 3.2\n@ FILE\nold/old.txt\n@ RENAME\nnew.txt\n");
        yield return C("DELETE alone deletes the file", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n");
        yield return C("DELETE alone of a missing file", Lines, "@ AP 3.2\n@ FILE\ngone/none.txt\n@ DELETE\n@ END\n");
        yield return C("REPLACE with no content", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ END\n");
        yield return C("REPLACE with empty content closed by END is a DELETE", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\n@ END\n");
        yield return C("REPLACE with empty content closed by a directive is a DELETE", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\n\n@ REPLACE\n@ snippet\ndelta\n@ content\nDELTA\n");
        yield return C("REPLACE with empty content, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\n@ END\n", strict: true);
        yield return C("empty content at the end of the patch is truncation", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\n");
        yield return C("INSERT_AFTER with empty content", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\nbeta\n@ content\n@ END\n");
        yield return C("anchor but no snippet", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ anchor\ngamma\n");
        yield return C("locator text right below the action", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\ngamma\n");
        yield return C("missing action before a second snippet", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nB\n@ snippet\ndelta\n@ content\nD\n");
        yield return C("duplicate snippet in one modification", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n@ snippet\ndelta\n");
        yield return C("duplicate snippet in one modification, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n@ snippet\ndelta\n", strict: true);
        yield return C("snippet beside a range", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nalpha\n@ snippet_tail\ngamma\n@ snippet\nbeta\n");
        yield return C("duplicate content", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nB\n@ content\nC\n");
        yield return C("scope_end 1 on a brace function", Go, "@ AP 3.2\n@ FILE\nm.go\n@ REPLACE\n@ snippet\nfunc one() int {\n@ scope_end 1\n@ content\nfunc one() int { return 1 }\n", "m.go");
        yield return C("scope_end without argument on a python def", Py, "@ AP 3.2\n@ FILE\nm.py\n@ DELETE\n@ snippet\ndef add(a, b):\n@ scope_end\n", "m.py");
        yield return C("scope_end INSERT_AFTER goes after the block", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nfunc one() int {\n@ scope_end 1\n@ content\n\nfunc three() int {\n\treturn 3\n}\n", "m.go");
        yield return C("scope_end on a line that opens nothing", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n@ scope_end 1\n");
        yield return C("include_leading_blank_lines", Py, "@ AP 3.2\n@ FILE\nm.py\n@ DELETE\n@ snippet\ndef sub(a, b):\n    total = a - b\n    return total\n@ include_leading_blank_lines 2\n", "m.py");
        yield return C("include_trailing_blank_lines", Py, "@ AP 3.2\n@ FILE\nm.py\n@ DELETE\n@ snippet\nimport os\n@ include_trailing_blank_lines 1\n", "m.py");

        // §3.1 idempotency
        yield return C("REPLACE already applied", "alpha\nBETA\ngamma\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nBETA\n");
        yield return C("INSERT_AFTER already applied", "alpha\nbeta\nnew\ngamma\n", "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\nbeta\n@ content\nnew\n");
        yield return C("INSERT_BEFORE already applied", "alpha\nnew\nbeta\ngamma\n", "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_BEFORE\n@ snippet\nbeta\n@ content\nnew\n");
        yield return C("RECREATE already applied", "same\n", "@ AP 3.2\n@ FILE\na.txt\n@ RECREATE\n@ content\nsame\n");

        // §3.2 search
        yield return C("whitespace and blank lines do not matter", "a\n    b   \n\n\n  c\nd\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nb\nc\n@ content\nX\n");
        yield return C("^ INSERT_AFTER is the start of the file", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\n^\n@ content\nfirst\n");
        yield return C("$ INSERT_BEFORE is the end of the file", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_BEFORE\n@ snippet\n$\n@ content\nlast\n");
        yield return C("$ INSERT_AFTER is the end of the file", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\n$\n@ content\nlast\n");
        yield return C("REPLACE ^ to $ replaces the whole file", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\n^\n@ snippet_tail\n$\n@ content\nwhole\n");
        yield return C("range from a snippet to $", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ngamma\n@ snippet_tail\n$\n");
        yield return C("range from ^ to a tail", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\n^\n@ snippet_tail\nbeta\n");
        yield return C("anchor narrows the search", "f()\n  x\ng()\n  x\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ anchor\ng()\n@ snippet\nx\n@ content\n  y\n");
        yield return C("anchor not found", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ anchor\nzeta\n@ snippet\nbeta\n@ content\nB\n");
        yield return C("anchor not found, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ anchor\nzeta\n@ snippet\nbeta\n@ content\nB\n", strict: true);
        yield return C("ambiguous snippet", "x\ny\nx\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nx\n@ content\nz\n");
        yield return C("ambiguous snippet, strict", "x\ny\nx\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nx\n@ content\nz\n", strict: true);
        yield return C("snippet not found", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nzeta\n@ content\nZ\n");
        yield return C("snippet not found, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nzeta\n@ content\nZ\n", strict: true);
        yield return C("tail not found", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\n@ snippet_tail\nzeta\n", strict: true);
        yield return C("sequential cursoring: repeated locator walks identical blocks", "x = 1\ny\nx = 1\nz\nx = 1\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nx = 1\n@ content\nx = A\n@ REPLACE\n@ snippet\nx = 1\n@ content\nx = B\n@ REPLACE\n@ snippet\nx = 1\n@ content\nx = C\n");
        yield return C("sequential cursoring: search starts after the previous edit", "k\nv\nk\nw\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nk\nv\n@ content\nK\nV\n@ REPLACE\n@ snippet\nk\n@ content\nK2\n");
        yield return C("sequential cursoring: a DELETE above the previous edit", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ndelta\n@ DELETE\n@ snippet\nbeta\n", strict: true);
        yield return C("sequential cursoring: a locator above the previous edit", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\ndelta\n@ content\nD\n@ REPLACE\n@ snippet\nbeta\n@ content\nB\n", strict: true);
        yield return C("self-written text is not matched", "a\nb\nc\ntotal = 0\n", "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\na\n@ content\ntotal = 0\n@ REPLACE\n@ snippet\ntotal = 0\n@ content\ntotal = 1\n");
        yield return C("self-written text does not make a later REPLACE look applied", "a\nb\nold\n", "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ snippet\na\n@ content\nnew\n@ REPLACE\n@ snippet\nold\n@ content\nnew\n");
        yield return C("locator consumed by an earlier modification", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nbeta\ngamma\n@ REPLACE\n@ snippet\ngamma\n@ content\nG\n", strict: true);

        // §3.5 trailing whitespace of content
        yield return C("content loses trailing whitespace", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\n@ content\nB  \t\nC \n");

        // §3.6 heuristics
        yield return C("soft start: decoration before a multi-line snippet", "1. first\nsecond\nthird\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nfirst\nsecond\n@ content\nX\n");
        yield return C("soft start: a meaningful prefix on one line is not a match", "self.count = 0\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\ncount = 0\n@ content\ncount = 1\n");
        yield return C("soft start: a comment opener on one line is a match", "x\n// count = 0\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\ncount = 0\n@ content\ncount = 1\n");
        yield return C("range auto-correction: the tail is the snippet's end", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\nbeta\ngamma\ndelta\n@ snippet_tail\ndelta\n@ content\nX\n");
        yield return C("range auto-correction: reversed range", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ndelta\n@ snippet_tail\nbeta\n");
        yield return C("range auto-correction: reversed range, strict", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\ndelta\n@ snippet_tail\nbeta\n", strict: true);
        yield return C("ambiguous anchor on adjacent lines resolved by the snippet", "x\nmark\nmark\nsnip\ny\nmark\n", "@ AP 3.2\n@ FILE\na.txt\n@ INSERT_AFTER\n@ anchor\nmark\n@ snippet\nsnip\n@ content\nNEW\n", strict: true);
        yield return C("ambiguous anchor resolved by the snippet", "def f():\n    a = 1\ndef f():\n    b = 2\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ anchor\ndef f():\n@ snippet\nb = 2\n@ content\n    b = 3\n");
        yield return C("anchor overlapping the snippet", "def f():\n    a = 1\n    b = 2\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ anchor\ndef f():\n    a = 1\n@ snippet\na = 1\nb = 2\n@ content\n    c = 3\n");
        yield return C("anchor containing the snippet", "def f():\n    a = 1\n    b = 2\n", "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ anchor\ndef f():\n    a = 1\n    b = 2\n@ snippet\na = 1\n@ content\n    c = 3\n");
        yield return C("contextual creation: CREATE text right after FILE", Lines, "@ AP 3.2\n@ FILE\nnew/n.txt\n@ CREATE\nhello\n");
        yield return C("contextual creation: CREATE with a path argument", Lines, "@ AP 3.2\n@ CREATE n/x.txt\nhello\n");
        yield return C("contextual creation: CREATE before FILE", Lines, "@ AP 3.2\n@ CREATE\nn/y.txt\n@ content\nhello\n");
        yield return C("implicit creation: FILE with only content", Lines, "@ AP 3.2\n@ FILE\nnew/z.txt\n@ content\nhello\n");
        yield return C("actions after CREATE in the same block", Lines, "@ AP 3.2\n@ FILE\nnew/q.txt\n@ CREATE\n@ content\none\ntwo\n@ REPLACE\n@ snippet\ntwo\n@ content\nTWO\n");
        yield return C("nesting guard: a declaration inserted after a block header", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nfunc one() int {\n@ content\nfunc three() int {\n\treturn 3\n}\n", "m.go");
        yield return C("nesting guard, strict", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nfunc one() int {\n@ content\nfunc three() int {\n\treturn 3\n}\n", "m.go", strict: true);
        yield return C("nesting guard leaves control blocks alone", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nfunc one() int {\n@ content\nif x > 0 {\n\tx = 0\n}\n", "m.go");
        yield return C("nesting guard leaves a dropped indent alone", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_AFTER\n@ snippet\nx := 1\n@ anchor\nfunc one() int {\n@ content\ny := 2\n", "m.go");
        yield return C("nesting guard: a declaration inserted before a body line", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_BEFORE\n@ snippet\nx := 2\n@ content\nfunc three() int {\n\treturn 3\n}\n", "m.go");
        yield return C("nesting guard: a declaration inserted before a body line, strict", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_BEFORE\n@ snippet\nx := 2\n@ content\nfunc three() int {\n\treturn 3\n}\n", "m.go", strict: true);
        yield return C("nesting guard leaves control blocks inserted before alone", Go, "@ AP 3.2\n@ FILE\nm.go\n@ INSERT_BEFORE\n@ snippet\nx := 2\n@ content\nif x > 0 {\n\tx = 0\n}\n", "m.go");
        yield return C("nesting guard: a Python def inserted before a body line", Py, "@ AP 3.2\n@ FILE\nm.py\n@ INSERT_BEFORE\n@ snippet\ntotal = a - b\n@ content\ndef mul(a, b):\n    return a * b\n", "m.py");
        yield return C("flush content is re-indented to its place", Py, "@ AP 3.2\n@ FILE\nm.py\n@ INSERT_AFTER\n@ anchor\ndef add(a, b):\n@ snippet\ntotal = a + b\n@ content\nprint(total)\n", "m.py");
        yield return C("indented content keeps its indentation", Py, "@ AP 3.2\n@ FILE\nm.py\n@ REPLACE\n@ anchor\ndef add(a, b):\n@ snippet\ntotal = a + b\n@ content\n        total = b + a\n", "m.py");
        yield return C("flush content after a block header", Py, "@ AP 3.2\n@ FILE\nm.py\n@ INSERT_AFTER\n@ snippet\ndef add(a, b):\n@ content\nprint(a)\n", "m.py");

        // NOTHING_TO_DELETE: the reference skips silently (spec §3.1)
        yield return C("DELETE of code that is not there", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nzeta\n");
        yield return C("DELETE of code that is not there", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ DELETE\n@ snippet\nzeta\n", strict: true);
        yield return C("sequential cursoring: a locator above the previous edit", Lines, "@ AP 3.2\n@ FILE\na.txt\n@ REPLACE\n@ snippet\ndelta\n@ content\nD\n@ REPLACE\n@ snippet\nbeta\n@ content\nB\n");
    }

    private static DifferentialCase C(string name, string text, string patch, string file = "a.txt", bool strict = false) =>
        new(name, Tree((file, text)), patch.Replace("@ ", Id + " ", StringComparison.Ordinal), strict);

    private static Dictionary<string, string> Tree(params (string Path, string Text)[] files) =>
        files.ToDictionary(f => f.Path, f => f.Text);

    [GeneratedRegex(@"```[a-z]*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fenced();
}
