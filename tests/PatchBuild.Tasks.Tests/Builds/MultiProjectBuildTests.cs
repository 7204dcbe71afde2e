using System.Text.RegularExpressions;
using PatchBuild.Tasks.Tests.Support;

namespace PatchBuild.Tasks.Tests.Builds;

/// <summary>Real multi-target and parallel solution builds: each patch is applied exactly once.</summary>
[Collection(PackageCollection.Name)]
public sealed class MultiProjectBuildTests(PackageFixture fixture)
{
    private const string CreateExtraAndUseIt = """
        9e1f2a3b AP 3.2
        9e1f2a3b FILE
        Extra.cs
        9e1f2a3b CREATE
        9e1f2a3b content
        static class Extra
        {
            public static string Text => "and a file created by a patch";
        }
        9e1f2a3b FILE
        Program.cs
        9e1f2a3b REPLACE
        9e1f2a3b snippet
        Console.WriteLine("multi-targeted");
        9e1f2a3b content
        Console.WriteLine("multi-targeted " + Extra.Text);
        9e1f2a3b END
        """;

    [Fact]
    public void Multi_targeted_project_applies_each_patch_once_and_every_framework_compiles_the_created_file()
    {
        var project = SampleProject.Empty(fixture, "Multi");
        project.Write("Multi.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>net10.0;net9.0</TargetFrameworks>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PatchBuild" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        project.Write("Program.cs", "Console.WriteLine(\"multi-targeted\");\n");
        project.Write("afix.ap", CreateExtraAndUseIt);

        var result = project.Build();

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Single(Regex.Matches(result.Output, "PatchBuild: applied afix.ap"));
            Assert.True(project.Exists("Extra.cs"));
            Assert.True(project.Exists("bin/Debug/net9.0/Multi.dll"));
        });
        Assert.Equal("multi-targeted and a file created by a patch", project.Run("bin/Debug/net10.0/Multi.dll").Output.Trim());

        // `-f` builds one inner build and no outer one: that inner build applies the next patch itself, once.
        project.Write("afix-second.ap", """
            1a2b3c4d AP 3.2
            1a2b3c4d FILE
            Extra.cs
            1a2b3c4d REPLACE
            1a2b3c4d snippet
            public static string Text => "and a file created by a patch";
            1a2b3c4d content
            public static string Text => "and a second patch";
            1a2b3c4d END
            """);
        var single = project.Build("-f", "net10.0");

        SampleProject.Check(single, () =>
        {
            Assert.Equal(0, single.ExitCode);
            Assert.Single(Regex.Matches(single.Output, "PatchBuild: applied afix-second.ap"));
            Assert.False(project.Exists("afix-second.ap"));
        });
        Assert.Equal("multi-targeted and a second patch", project.Run("bin/Debug/net10.0/Multi.dll").Output.Trim());
    }

    [Fact]
    public void Parallel_solution_build_applies_the_pending_patches_of_three_projects_once_each()
    {
        var solution = SampleProject.Empty(fixture, "Three");
        solution.Write("Three.slnx", """
            <Solution>
              <Project Path="App/App.csproj" />
              <Project Path="Lib1/Lib1.csproj" />
              <Project Path="Lib2/Lib2.csproj" />
            </Solution>
            """);
        foreach (var name in new[] { "Lib1", "Lib2" })
        {
            solution.Write($"{name}/{name}.csproj", Library(name));
            solution.Write($"{name}/{name}Text.cs", $$"""
                namespace {{name}};
                public static class {{name}}Text
                {
                    public static string Value => "{{name}} before";
                }
                """);
            solution.Write($"{name}/afix.ap", $"""
                0000aaaa AP 3.2
                0000aaaa FILE
                {name}Text.cs
                0000aaaa REPLACE
                0000aaaa snippet
                public static string Value => "{name} before";
                0000aaaa content
                public static string Value => "{name} patched";
                0000aaaa END
                """);
        }

        solution.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PatchBuild" Version="0.1.0" />
                <ProjectReference Include="../Lib1/Lib1.csproj" />
                <ProjectReference Include="../Lib2/Lib2.csproj" />
              </ItemGroup>
            </Project>
            """);
        solution.Write("App/Program.cs", "System.Console.WriteLine(Lib1.Lib1Text.Value + \", \" + Lib2.Lib2Text.Value + \", app before\");\n");
        solution.Write("App/afix.ap", """
            0000bbbb AP 3.2
            0000bbbb FILE
            Program.cs
            0000bbbb REPLACE
            0000bbbb snippet
            System.Console.WriteLine(Lib1.Lib1Text.Value + ", " + Lib2.Lib2Text.Value + ", app before");
            0000bbbb content
            System.Console.WriteLine(Lib1.Lib1Text.Value + ", " + Lib2.Lib2Text.Value + ", app patched");
            0000bbbb END
            """);

        var result = solution.Build("Three.slnx", "-m");

        SampleProject.Check(result, () =>
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(3, Regex.Matches(result.Output, "PatchBuild: applied afix.ap").Count);
            foreach (var name in new[] { "App", "Lib1", "Lib2" })
            {
                Assert.False(solution.Exists($"{name}/afix.ap"));
                Assert.Single(solution.ArchivedPatches(name));
            }
        });
        Assert.Equal("Lib1 patched, Lib2 patched, app patched", solution.Run("App/bin/Debug/net10.0/App.dll").Output.Trim());
    }

    private static string Library(string name) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <RootNamespace>{name}</RootNamespace>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="PatchBuild" Version="0.1.0" />
          </ItemGroup>
        </Project>
        """;
}
