using PatchBuild.Core.Matching;

namespace PatchBuild.Core.Tests.Matching;

public sealed class LineDecorationTests
{
    [Theory]
    [InlineData("- foo();", "foo();")]
    [InlineData("* foo();", "foo();")]
    [InlineData("12. foo();", "foo();")]
    [InlineData("3) foo();", "foo();")]
    [InlineData("// foo();", "foo();")]
    [InlineData("//foo();", "foo();")]
    [InlineData("# count = 0", "count = 0")]
    [InlineData("-- select 1", "select 1")]
    [InlineData("+foo();", "foo();")]
    [InlineData("-return x;", "return x;")]
    [InlineData("// - foo();", "foo();")]
    public void Strips_decoration(string line, string expected) => Assert.Equal(expected, LineDecoration.Strip(line));

    [Theory]
    [InlineData("self.count = 0")]
    [InlineData("count = 0")]
    [InlineData("*p = 0;")]
    [InlineData("-1,")]
    [InlineData("--i;")]
    [InlineData("++i;")]
    [InlineData("#!/bin/sh")]
    [InlineData("#[derive(Debug)]")]
    [InlineData("2024.01")]
    public void Leaves_code_alone(string line) => Assert.Same(line, LineDecoration.Strip(line));
}
