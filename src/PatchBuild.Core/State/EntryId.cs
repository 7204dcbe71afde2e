using System.Security.Cryptography;

namespace PatchBuild.Core.State;

/// <summary>Journal entry ids: sortable by time, unique across processes, short enough to type.</summary>
public static class EntryId
{
    public static string New(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd'-'HHmmss'-'fff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
