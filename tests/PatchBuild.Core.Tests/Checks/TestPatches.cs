namespace PatchBuild.Core.Tests.Checks;

/// <summary>Small, valid patches in the formats PatchBuild applies.</summary>
internal static class TestPatches
{
    public const string Greeter = "namespace Demo;\n\npublic static class Greeter\n{\n    public static string Greet() => \"Hello\";\n}\n";

    public const string GreeterApplied = "namespace Demo;\n\npublic static class Greeter\n{\n    public static string Greet() => \"Hello, world\";\n}\n";

    /// <summary>An ap patch that changes Greeter.cs's greeting (relative to the patch's folder).</summary>
    public static string ApReplace(string target = "src/Greeter.cs", string snippet = "public static string Greet() => \"Hello\";") => $"""
        # Summary: greet the world
        e4a2f1b8 AP 3.2

        e4a2f1b8 FILE
        {target}

        e4a2f1b8 REPLACE
        e4a2f1b8 snippet
        {snippet}
        e4a2f1b8 content
            public static string Greet() => "Hello, world";

        """;

    /// <summary>The same change as a unified diff with git's a/ b/ prefixes.</summary>
    public const string UnifiedDiff = """
        --- a/src/Greeter.cs
        +++ b/src/Greeter.cs
        @@ -3,4 +3,4 @@
         public static class Greeter
         {
        -    public static string Greet() => "Hello";
        +    public static string Greet() => "Hello, world";
         }

        """;
}
