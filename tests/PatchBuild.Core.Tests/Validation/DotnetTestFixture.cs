using System.Diagnostics;

namespace PatchBuild.Core.Tests.Validation;

/// <summary>A tiny real xunit project in a temp folder, restored once for the tests that run `dotnet test` on it.</summary>
public sealed class DotnetTestFixture : IDisposable
{
    public const string Calculator = "namespace Calc;\n\npublic static class Calculator\n{\n    public static int Add(int a, int b) => a + b;\n}\n";

    public DotnetTestFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "pb-dotnet-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "Calc.Tests"));
        File.WriteAllText(Path.Combine(Root, "Calc.Tests", "Calc.Tests.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsPackable>false</IsPackable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Root, "Calc.Tests", "Calculator.cs"), Calculator);
        File.WriteAllText(Path.Combine(Root, "Calc.Tests", "CalculatorTests.cs"),
            "namespace Calc;\n\npublic class CalculatorTests\n{\n    [Xunit.Fact]\n    public void Adds() => Xunit.Assert.Equal(5, Calculator.Add(2, 3));\n}\n");
        var restore = Process.Start(new ProcessStartInfo("dotnet", ["restore", "Calc.Tests", "--nologo"]) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        RestoreOutput = restore.StandardOutput.ReadToEnd() + restore.StandardError.ReadToEnd();
        restore.WaitForExit();
        Restored = restore.ExitCode == 0;
    }

    public string Root { get; }
    public bool Restored { get; }
    public string RestoreOutput { get; }

    public const string TestCommand = "dotnet test Calc.Tests --no-restore --nologo";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
