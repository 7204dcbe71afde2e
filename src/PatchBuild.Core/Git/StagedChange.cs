namespace PatchBuild.Core.Git;

/// <summary>One path the commit changes: its status letter (A, M, D, T, ...) and the staged blob, when it has one.</summary>
public sealed record StagedChange(string Path, char Status, string Mode, string BlobId)
{
    public bool IsDeleted => Status == 'D';

    /// <summary>Regular files and executables; symlinks and submodules carry no text to judge.</summary>
    public bool IsRegularFile => Mode is "100644" or "100755";
}

/// <summary>One entry of the index (`git ls-files --stage`).</summary>
public sealed record IndexEntry(string Path, string Mode, string BlobId, int Stage)
{
    public bool IsRegularFile => Mode is "100644" or "100755";
    public bool IsSymlink => Mode == "120000";
}
