using System.Text;

namespace PatchBuild.Benchmarks;

/// <summary>
/// The edits of <see cref="ApCorpus.GeneratePatch"/> written as a Codex apply_patch text: one chunk per modification,
/// each narrowed by an "@@" line naming its method, so the two dialects can be timed on the same work.
/// </summary>
public static class CodexCorpus
{
    public static string GeneratePatch(int lines, int modifications, string fileName = "Big.cs")
    {
        int classes = Math.Max(1, lines / (20 * 7 + 4));
        int methods = classes * 20;
        int step = Math.Max(1, methods / modifications);
        var sb = new StringBuilder();
        sb.Append("*** Begin Patch\n*** Update File: ").Append(fileName).Append('\n');
        for (int i = 0; i < modifications; i++)
        {
            int method = Math.Min(methods - 1, i * step);
            int m = method % 20;
            string id = $"{method / 20}_{m}";
            sb.Append("@@ public int M").Append(id).Append("(int x)\n");
            switch (i % 5)
            {
                case 0:
                    sb.Append("-        var v").Append(id).Append(" = x + ").Append(m).Append(";\n");
                    sb.Append("+        var v").Append(id).Append(" = x - ").Append(m).Append(";\n");
                    break;
                case 1:
                    sb.Append("-    {\n+    { // checked\n");
                    break;
                case 2:
                    sb.Append("-        var v").Append(id).Append(" = x + ").Append(m).Append(";\n");
                    sb.Append("-        v").Append(id).Append(" *= 3;\n");
                    sb.Append("-        return v").Append(id).Append(";\n");
                    sb.Append("+        return x + ").Append(m).Append(" * 3;\n");
                    break;
                case 3:
                    sb.Append("         v").Append(id).Append(" *= 3;\n");
                    sb.Append("+        v").Append(id).Append(" += 1;\n");
                    break;
                default:
                    sb.Append("-        v").Append(id).Append(" *= 3;\n");
                    break;
            }
        }

        return sb.Append("*** End Patch\n").ToString();
    }
}
