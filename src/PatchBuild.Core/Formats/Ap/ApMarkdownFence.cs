namespace PatchBuild.Core.Formats.Ap;

/// <summary>
/// Finds the part of the text that is the patch when an assistant pasted it inside a markdown code block
/// (```ap ... ```), possibly with prose around it.
/// </summary>
internal static class ApMarkdownFence
{
    /// <summary>The range of lines holding the patch, and the line of the opening fence when there was one.</summary>
    public readonly record struct Body(int Start, int End, int? OpeningFenceIndex);

    public static Body Locate(ApPatchLines lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (ApDirectiveReader.ReadAnyKnown(line, i) is not null)
            {
                // The patch starts before any fence: fences further down belong to values (a patched README).
                return new Body(0, lines.Count, null);
            }

            if (ApPatchLines.IsFence(line))
            {
                // The closing fence is the last one: a fence inside a value of a fenced patch would have broken the
                // markdown already, so the last one is the only safe guess.
                int end = lines.Count;
                for (int j = lines.Count - 1; j > i; j--)
                {
                    if (ApPatchLines.IsFence(lines[j]))
                    {
                        end = j;
                        break;
                    }
                }

                return new Body(i + 1, end, i);
            }
        }

        return new Body(0, lines.Count, null);
    }
}
