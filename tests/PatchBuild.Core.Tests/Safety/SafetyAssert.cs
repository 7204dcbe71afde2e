using PatchBuild.Core;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

internal static class SafetyAssert
{
    public static PatchError Blocked(ApplyResult result, string rule)
    {
        Assert.False(result.Success, "the patch should have been refused");
        var error = result.Errors.FirstOrDefault(e => e.Context.TryGetValue("rule", out var r) && (string?)r == rule);
        Assert.True(error is not null, $"expected {rule}; got: {string.Join(" | ", result.Errors.Select(e => e.Code + " " + e.Message))}");
        return error!;
    }

    public static void Passed(ApplyResult result)
    {
        Assert.True(result.Success, string.Join(" | ", result.Errors.Select(e => e.Code + " " + e.Message)));
    }

    public static void NotBlockedBy(ApplyResult result, string rule) =>
        Assert.DoesNotContain(result.Errors, e => e.Context.TryGetValue("rule", out var r) && (string?)r == rule);
}
