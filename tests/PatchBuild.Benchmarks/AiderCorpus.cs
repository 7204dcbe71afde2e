using System.Text;

namespace PatchBuild.Benchmarks;

/// <summary>
/// The edits of <see cref="ApCorpus.GeneratePatch"/> written as an Aider answer (prose, fences and one
/// SEARCH/REPLACE block per edit), so the two dialects can be timed on the same work and their results compared.
/// </summary>
public static class AiderCorpus
{
    public static string GenerateAnswer(int lines, int blocks, string fileName = "Big.cs")
    {
        // The same choice of methods as ApCorpus: one per step, spread evenly over the file.
        int classes = Math.Max(1, lines / (20 * 7 + 4));
        int methods = classes * 20;
        int step = Math.Max(1, methods / blocks);
        var sb = new StringBuilder("Here are the changes.\n\n");
        for (int i = 0; i < blocks; i++)
        {
            int method = Math.Min(methods - 1, i * step);
            int m = method % 20;
            string id = $"{method / 20}_{m}";
            string declaration = $"        var v{id} = x + {m};";
            string multiply = $"        v{id} *= 3;";
            switch (i % 5)
            {
                case 0:
                    Block(sb, fileName, [declaration], [$"        var v{id} = x - {m};"]);
                    break;
                case 1:
                    Block(sb, fileName, [$"    public int M{id}(int x)", "    {"], [$"    public int M{id}(int x)", "    { // checked"]);
                    break;
                case 2:
                    Block(sb, fileName, [declaration, multiply, $"        return v{id};"], [$"        return x + {m} * 3;"]);
                    break;
                case 3:
                    Block(sb, fileName, [multiply], [multiply, $"        v{id} += 1;"]);
                    break;
                default:
                    Block(sb, fileName, [multiply], []);
                    break;
            }
        }

        return sb.ToString();
    }

    private static void Block(StringBuilder sb, string fileName, string[] search, string[] replace)
    {
        sb.Append(fileName).Append("\n```csharp\n<<<<<<< SEARCH\n");
        foreach (string line in search)
        {
            sb.Append(line).Append('\n');
        }

        sb.Append("=======\n");
        foreach (string line in replace)
        {
            sb.Append(line).Append('\n');
        }

        sb.Append(">>>>>>> REPLACE\n```\n\n");
    }
}
