using System.Text;

namespace PatchBuild.Benchmarks;

/// <summary>
/// Generates a C#-like source file and an ap patch of mixed modifications against it (unique snippets, anchors,
/// ranges, inserts, deletes), deterministic for a given size so runs compare.
/// </summary>
public static class ApCorpus
{
    public const string PatchId = "b3ec4a11";

    // Each generated method spans 7 lines; a class header and footer add 4 lines per 20 methods.
    public static string GenerateSource(int lines)
    {
        var sb = new StringBuilder(lines * 40);
        sb.Append("namespace Generated;\n\n");
        int written = 2;
        for (int c = 0; written < lines; c++)
        {
            sb.Append("public class C").Append(c).Append("\n{\n");
            written += 2;
            for (int m = 0; m < 20 && written < lines - 2; m++)
            {
                string id = $"{c}_{m}";
                sb.Append("    public int M").Append(id).Append("(int x)\n");
                sb.Append("    {\n");
                sb.Append("        var v").Append(id).Append(" = x + ").Append(m).Append(";\n");
                sb.Append("        v").Append(id).Append(" *= 3;\n");
                sb.Append("        return v").Append(id).Append(";\n");
                sb.Append("    }\n\n");
                written += 7;
            }

            sb.Append("}\n\n");
            written += 2;
        }

        return sb.ToString();
    }

    /// <summary>Methods available for modification: one per 7 lines, spread evenly over the file.</summary>
    public static string GeneratePatch(int lines, int modifications, string fileName = "Big.cs")
    {
        var sb = new StringBuilder();
        sb.Append("# Summary: benchmark patch\n");
        sb.Append(PatchId).Append(" AP 3.2\n\n");
        AppendFile(sb, fileName, lines, modifications, 0);
        sb.Append(PatchId).Append(" END\n");
        return sb.ToString();
    }

    /// <summary>
    /// One ap patch over many files (as <see cref="ManyFileName"/> names them, each <see cref="GenerateSource"/> of
    /// <paramref name="linesPerFile"/> lines): <paramref name="modifications"/> spread evenly, at least one per file.
    /// </summary>
    public static string GenerateManyFilePatch(int files, int linesPerFile, int modifications)
    {
        var sb = new StringBuilder();
        sb.Append("# Summary: many-file benchmark patch\n");
        sb.Append(PatchId).Append(" AP 3.2\n\n");
        for (int f = 0; f < files; f++)
        {
            int mods = (modifications / files) + (f < modifications % files ? 1 : 0);
            AppendFile(sb, ManyFileName(f), linesPerFile, Math.Max(1, mods), f);
        }

        sb.Append(PatchId).Append(" END\n");
        return sb.ToString();
    }

    /// <summary>Where the many-file corpus puts file <paramref name="index"/>: ten folders, as a project spreads them.</summary>
    public static string ManyFileName(int index) => $"src/Module{index % 10}/File{index}.cs";

    // The kind of modification turns with <paramref name="kindOffset"/> too, so files with few edits still see all five.
    private static void AppendFile(StringBuilder sb, string fileName, int lines, int modifications, int kindOffset)
    {
        int classes = Math.Max(1, lines / (20 * 7 + 4));
        int methods = classes * 20;
        int step = Math.Max(1, methods / modifications);
        sb.Append(PatchId).Append(" FILE\n").Append(fileName).Append("\n\n");
        for (int i = 0; i < modifications; i++)
        {
            int method = Math.Min(methods - 1, i * step);
            string id = $"{method / 20}_{method % 20}";
            switch ((i + kindOffset) % 5)
            {
                case 0: // unique snippet replace
                    Directive(sb, "REPLACE");
                    Value(sb, "snippet", $"var v{id} = x + {method % 20};");
                    Value(sb, "content", $"var v{id} = x - {method % 20};");
                    break;
                case 1: // anchor narrows a non-unique snippet
                    Directive(sb, "REPLACE");
                    Value(sb, "anchor", $"public int M{id}(int x)");
                    Value(sb, "snippet", "{");
                    Value(sb, "content", "{ // checked");
                    break;
                case 2: // range from declaration to return
                    Directive(sb, "REPLACE");
                    Value(sb, "snippet", $"var v{id} = x + {method % 20};");
                    Value(sb, "snippet_tail", $"return v{id};");
                    Value(sb, "content", $"return x + {method % 20} * 3;");
                    break;
                case 3: // insert
                    Directive(sb, "INSERT_AFTER");
                    Value(sb, "snippet", $"v{id} *= 3;");
                    Value(sb, "content", $"v{id} += 1;");
                    break;
                default: // delete
                    Directive(sb, "DELETE");
                    Value(sb, "snippet", $"v{id} *= 3;");
                    break;
            }
        }
    }

    private static void Directive(StringBuilder sb, string action) => sb.Append(PatchId).Append(' ').Append(action).Append('\n');

    private static void Value(StringBuilder sb, string key, string value) =>
        sb.Append(PatchId).Append(' ').Append(key).Append('\n').Append(value).Append('\n');
}
