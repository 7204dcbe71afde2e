using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;

namespace PatchBuild.Core;

/// <summary>Where a patch comes from: a file, or standard input named "-" (as git apply and patch read it).</summary>
public static class PatchInput
{
    public const string StandardInputName = "-";

    /// <summary>How reports name a patch read from standard input.</summary>
    public const string StandardInputLabel = "(standard input)";

    public static bool IsStandardInput(string patchFile) => patchFile == StandardInputName;

    /// <summary>Reads standard input to its end, refusing more than the patch size limit without holding it all.</summary>
    public static async Task<byte[]> ReadStandardInputAsync(Func<Stream>? open, InputLimits limits, CancellationToken cancellationToken)
    {
        if (open is null)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, "This entry point cannot read a patch from standard input ('-').")
            {
                Hint = "Save the patch to a file and pass its path.",
            });
        }

        var stream = open();
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            limits.CheckPatchFileSize(buffer.Length, StandardInputLabel);
        }

        if (buffer.Length == 0)
        {
            throw new PatchException(new PatchError(ErrorCodes.InvalidPatchFile, "Standard input was empty: no patch was given.")
            {
                PatchFile = StandardInputLabel,
                Hint = "Pipe the patch in (patchbuild apply - < answer.patch), or pass the patch file's path instead of '-'.",
            });
        }

        return buffer.ToArray();
    }
}
