namespace PatchBuild.Core.Checks;

/// <summary>
/// The files below a folder, found without following links (a link to a folder is never entered, so a walk cannot
/// leave the tree or loop) and without descending into the folders <c>skipFolder</c> names.
/// </summary>
internal static class FolderWalk
{
    public static IEnumerable<string> Files(string root, Func<string, bool> skipFolder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(folder, "*", options))
            {
                yield return file;
            }

            foreach (string child in Directory.EnumerateDirectories(folder, "*", options))
            {
                if (!skipFolder(Path.GetFileName(child)))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
