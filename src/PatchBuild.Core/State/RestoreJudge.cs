using PatchBuild.Core.Configuration;
using PatchBuild.Core.Model;
using PatchBuild.Core.Safety;

namespace PatchBuild.Core.State;

/// <summary>
/// PB1003 for what recovery writes: a file that makes a build, a tool or git run code is restored (or removed)
/// only where patchbuild.json allows patches to change it, exactly as an apply would have required.
/// </summary>
internal sealed class RestoreJudge(string workspaceRoot)
{
    private PatchBuildConfig? _config;

    public string? Refuses(string relative, byte[]? content)
    {
        bool codeRunning = BuildConfigurationPaths.IsBuildConfiguration(relative) || (content is not null && BuildConfigurationPaths.RunsCode(content) is not null);
        if (!codeRunning)
        {
            return null;
        }

        var config = _config ??= LoadConfig();
        var rule = SafetyRules.BuildConfiguration;
        return config.SeverityOf(rule) == RuleSeverity.Off || config.AllowanceFor(rule, relative, "") is not null
            ? null
            : $"{rule.Id}: it makes a build, a tool or git run code; restore it by hand after review";
    }

    private PatchBuildConfig LoadConfig()
    {
        try
        {
            return PatchBuildConfigLoader.Load(workspaceRoot);
        }
        catch (PatchException)
        {
            // A broken patchbuild.json allows nothing.
            return PatchBuildConfig.Default;
        }
    }
}
