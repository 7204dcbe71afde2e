using PatchBuild.Core.Model;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Tests.Workspace;

/// <summary>A refused path says which safety rule refused it as a typed field, which code (the scanner, the hook) decides on.</summary>
public sealed class RefusalRuleTests
{
    [Theory]
    [InlineData("../outside.txt", "PB1001")]
    [InlineData(".git/config", "PB1002")]
    [InlineData("src/.GIT/hooks/pre-commit", "PB1002")]
    public void Path_refusals_carry_the_rule_that_refused_them(string path, string rule)
    {
        var ex = Assert.Throws<PatchException>(() => PathGuard.Normalize(path));
        Assert.Equal(rule, ex.Error.Rule);
    }

    [Fact]
    public void Errors_no_rule_raised_carry_none()
    {
        Assert.Null(new PatchError(ErrorCodes.SnippetNotFound, "not found").Rule);
    }
}
