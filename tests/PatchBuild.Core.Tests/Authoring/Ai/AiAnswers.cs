namespace PatchBuild.Core.Tests.Authoring.Ai;

/// <summary>The project the scripted model edits, and the answers it gives: good, bad, prose, other dialects.</summary>
public static class AiAnswers
{
    public const string UserFile = "src/User.cs";

    public const string UserBefore = """
        namespace Demo;

        public class User
        {
            public string Name { get; set; } = "";
        }

        """;

    public const string UserAfter = """
        namespace Demo;

        public class User
        {
            public string Name { get; set; } = "";
            public string Phone { get; set; } = "";
        }

        """;

    public const string Good = """
        3f9c0a7e AP 3.2

        3f9c0a7e FILE
        src/User.cs

        3f9c0a7e INSERT_AFTER
        3f9c0a7e snippet
            public string Name { get; set; } = "";
        3f9c0a7e content
            public string Phone { get; set; } = "";

        """;

    /// <summary>Quotes a line the file does not hold: SNIPPET_NOT_FOUND.</summary>
    public const string MissingSnippet = """
        3f9c0a7e AP 3.2

        3f9c0a7e FILE
        src/User.cs

        3f9c0a7e INSERT_AFTER
        3f9c0a7e snippet
            public string Email { get; set; } = "";
        3f9c0a7e content
            public string Phone { get; set; } = "";

        """;

    /// <summary>Plans, but leaves C# that does not parse.</summary>
    public const string BrokenCSharp = """
        3f9c0a7e AP 3.2

        3f9c0a7e FILE
        src/User.cs

        3f9c0a7e INSERT_AFTER
        3f9c0a7e snippet
            public string Name { get; set; } = "";
        3f9c0a7e content
            public string Phone { get; set = "";

        """;

    public const string CodexAnswer = """
        *** Begin Patch
        *** Update File: src/User.cs
        @@ public class User
             public string Name { get; set; } = "";
        +    public string Phone { get; set; } = "";
         }
        *** End Patch

        """;

    public const string Prose = "Sure! To add a Phone property, open User.cs and add a string property named Phone below Name. Let me know if you need anything else.";

    public static string Fenced(string patch) => "Here is the patch:\n\n```\n" + patch + "```\n\nIt adds the property.";

    /// <summary>A good change to User.cs, and also one to a file it was not given.</summary>
    public static string AlsoTouching(string path) => Good + $"""
        3f9c0a7e FILE
        {path}

        3f9c0a7e CREATE
        3f9c0a7e content
        owned

        """;
}
