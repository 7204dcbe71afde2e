using System.Globalization;
using System.Runtime.InteropServices;

namespace PatchBuild.Core.State;

/// <summary>
/// Who writes a journal record: this machine's name and the operating-system user running the tool. Recovery and
/// rollback act only on records whose identity is this one, so a journal that arrived in a clone, a copied folder or
/// another user's checkout is read but never acted on.
/// </summary>
public sealed record MachineIdentity(string Host, string User)
{
    public static MachineIdentity Current { get; } = new(Environment.MachineName, CurrentUser());

    public bool Wrote(JournalRecord record) =>
        string.Equals(record.Host, Host, StringComparison.Ordinal) && string.Equals(record.User, User, StringComparison.Ordinal);

    // The numeric user id where there is one: a name can be reused by another account, the effective uid is who
    // the kernel says we are (and what file ownership in .patchbuild/ is checked against).
    private static string CurrentUser()
    {
        if (OperatingSystem.IsWindows())
        {
            return $"{Environment.UserDomainName}\\{Environment.UserName}";
        }

        return "uid:" + GetEffectiveUserId().ToString(CultureInfo.InvariantCulture);
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
