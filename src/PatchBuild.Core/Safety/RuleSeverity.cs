namespace PatchBuild.Core.Safety;

public enum RuleSeverity
{
    Off,
    Warning,
    Error,
}
