namespace PatchBuild.Core.Model;

/// <summary>What became of one file of one patch. Reports spell it with <see cref="ReportWords"/>.</summary>
public enum FileStatus
{
    /// <summary>At least one change was made and none failed.</summary>
    Applied,

    /// <summary>Some changes were made, others failed (partial mode).</summary>
    Partial,

    /// <summary>Nothing to do: the file already looked as the patch wants.</summary>
    Skipped,

    /// <summary>No change was made because the patch did not fit.</summary>
    Failed,

    /// <summary>Planned well, but not written because the run failed elsewhere.</summary>
    NotWritten,
}
