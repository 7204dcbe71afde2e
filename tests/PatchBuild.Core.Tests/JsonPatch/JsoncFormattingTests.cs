using static PatchBuild.Core.Tests.JsonPatch.JsonPatchTestKit;

namespace PatchBuild.Core.Tests.JsonPatch;

/// <summary>
/// An appsettings.json with // and /* */ comments, trailing commas and CRLF line endings: each operation changes
/// exactly its own text, and new members look like their neighbours. Expected texts are the original with one
/// visible edit, so every other byte is compared too.
/// </summary>
public class JsoncFormattingTests
{
    private const string Base = """
        {
          // Logging settings
          "Logging": {
            "LogLevel": {
              "Default": "Information", // the default
              "Microsoft.AspNetCore": "Warning",
            },
          },
          /* hosts
             allowed */
          "AllowedHosts": "*",
          "Ports": [ 80, 443 ],
          "Empty": {},
          "Kestrel": {
            "Endpoints": {
              "Http": { "Url": "http://localhost:5000" }
            }
          }
        }

        """;

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");

    private static string Run(string operations) => Apply("appsettings.json", Crlf(Base), operations);

    private static string Edit(string find, string replacement)
    {
        Assert.Contains(find, Base);
        return Crlf(Base.Replace(find, replacement));
    }

    [Fact]
    public void Replace_changes_only_the_value()
    {
        Assert.Equal(Edit("\"Information\"", "\"Debug\""), Run("""[{"op":"replace","path":"/Logging/LogLevel/Default","value":"Debug"}]"""));
    }

    [Fact]
    public void Add_appends_a_member_like_its_siblings_keeping_the_trailing_comma_style()
    {
        Assert.Equal(
            Edit("\"Warning\",\n", "\"Warning\",\n      \"System\": \"Error\",\n"),
            Run("""[{"op":"add","path":"/Logging/LogLevel/System","value":"Error"}]"""));
    }

    [Fact]
    public void Add_of_an_object_is_laid_out_at_the_members_indentation()
    {
        const string find = "      \"Http\": { \"Url\": \"http://localhost:5000\" }\n    }\n";
        const string added = """
                  "Http": { "Url": "http://localhost:5000" }
                },
                "Limits": {
                  "MaxConcurrentConnections": 100,
                  "Paths": [
                    "/a",
                    "/b"
                  ],
                  "None": {}
                }

            """;
        Assert.Equal(
            Edit(find, added),
            Run("""[{"op":"add","path":"/Kestrel/Limits","value":{"MaxConcurrentConnections":100,"Paths":["/a","/b"],"None":{}}}]"""));
    }

    [Fact]
    public void Remove_drops_the_members_line_and_keeps_the_comment_above_it()
    {
        Assert.Equal(Edit("  \"AllowedHosts\": \"*\",\n", ""), Run("""[{"op":"remove","path":"/AllowedHosts"}]"""));
    }

    [Fact]
    public void Remove_of_the_last_member_keeps_the_trailing_comma_style()
    {
        Assert.Equal(Edit("      \"Microsoft.AspNetCore\": \"Warning\",\n", ""), Run("""[{"op":"remove","path":"/Logging/LogLevel/Microsoft.AspNetCore"}]"""));
    }

    [Fact]
    public void Remove_of_the_first_member_takes_its_same_line_comment_with_it()
    {
        Assert.Equal(Edit("      \"Default\": \"Information\", // the default\n", ""), Run("""[{"op":"remove","path":"/Logging/LogLevel/Default"}]"""));
    }

    [Fact]
    public void Remove_of_the_last_member_without_trailing_commas_drops_the_previous_comma()
    {
        string doc = Crlf("{\n  \"a\": 1,\n  \"b\": 2\n}\n");
        Assert.Equal(Crlf("{\n  \"a\": 1\n}\n"), Apply("x.json", doc, """[{"op":"remove","path":"/b"}]"""));
    }

    [Fact]
    public void Move_removes_the_line_and_appends_at_the_destination()
    {
        string expected = Crlf(Base
            .Replace("  \"Ports\": [ 80, 443 ],\n", "")
            .Replace("      \"Http\": { \"Url\": \"http://localhost:5000\" }\n    }\n", "      \"Http\": { \"Url\": \"http://localhost:5000\" }\n    },\n    \"Ports\": [ 80, 443 ]\n"));
        Assert.Equal(expected, Run("""[{"op":"move","from":"/Ports","path":"/Kestrel/Ports"}]"""));
    }

    [Fact]
    public void Copy_keeps_the_source_text_and_reindents_it()
    {
        string expected = Crlf(Base.Replace(
            "    }\n  }\n}\n",
            "    }\n  },\n  \"Endpoints\": {\n    \"Http\": { \"Url\": \"http://localhost:5000\" }\n  }\n}\n"));
        Assert.Equal(expected, Run("""[{"op":"copy","from":"/Kestrel/Endpoints","path":"/Endpoints"}]"""));
    }

    [Fact]
    public void Add_into_an_empty_object_indents_one_level_below_its_line()
    {
        Assert.Equal(
            Edit("  \"Empty\": {},\n", "  \"Empty\": {\n    \"Enabled\": true\n  },\n"),
            Run("""[{"op":"add","path":"/Empty/Enabled","value":true}]"""));
    }

    [Fact]
    public void Inline_arrays_stay_inline()
    {
        Assert.Equal(Edit("[ 80, 443 ]", "[ 80, 443, 8080 ]"), Run("""[{"op":"add","path":"/Ports/-","value":8080}]"""));
        Assert.Equal(Edit("[ 80, 443 ]", "[ 8080, 80, 443 ]"), Run("""[{"op":"add","path":"/Ports/0","value":8080}]"""));
        Assert.Equal(Edit("[ 80, 443 ]", "[ 443 ]"), Run("""[{"op":"remove","path":"/Ports/0"}]"""));
        Assert.Equal(Edit("[ 80, 443 ]", "[ 80 ]"), Run("""[{"op":"remove","path":"/Ports/1"}]"""));
    }

    [Fact]
    public void Test_leaves_every_byte_alone()
    {
        Assert.Equal(Crlf(Base), Run("""[{"op":"test","path":"/Logging/LogLevel","value":{"Microsoft.AspNetCore":"Warning","Default":"Information"}}]"""));
    }

    [Fact]
    public void Insert_before_an_element_goes_above_the_elements_comment()
    {
        string doc = "{\n  \"a\": 1,\n  // about b\n  \"b\": 2\n}";
        string result = Apply("x.json", doc, """[{"op":"add","path":"/list","value":[]},{"op":"move","from":"/list","path":"/b"}]""");
        Assert.Equal("{\n  \"a\": 1,\n  // about b\n  \"b\": []\n}", result);
        string array = Apply("x.json", "[\n  1,\n  // two\n  2\n]", """[{"op":"add","path":"/1","value":"x"}]""");
        Assert.Equal("[\n  1,\n  \"x\",\n  // two\n  2\n]", array);
    }

    [Fact]
    public void A_minified_document_stays_minified()
    {
        string result = Apply("x.json", """{"a":{"b":[1]},"c":{}}""", """[{"op":"add","path":"/a/d","value":{"e":[1,2]}},{"op":"add","path":"/c/f","value":null}]""");
        Assert.Equal("""{"a":{"b":[1],"d":{"e":[1,2]}},"c":{"f":null}}""", result);
    }

    [Fact]
    public void Tabs_and_four_space_indents_are_followed()
    {
        Assert.Equal("{\n\t\"a\": {\n\t\t\"b\": 1,\n\t\t\"c\": [\n\t\t\t2\n\t\t]\n\t}\n}",
            Apply("x.json", "{\n\t\"a\": {\n\t\t\"b\": 1\n\t}\n}", """[{"op":"add","path":"/a/c","value":[2]}]"""));
        Assert.Equal("{\n    \"a\" : 1,\n    \"z\" : {\n        \"y\" : 0\n    }\n}",
            Apply("x.json", "{\n    \"a\" : 1\n}", """[{"op":"add","path":"/z","value":{"y":0}}]"""));
    }

    [Fact]
    public void New_strings_keep_the_patchs_escapes_and_names_are_escaped()
    {
        string result = Apply("x.json", "{\n  \"a\": 1\n}", """[{"op":"add","path":"/quo\"te","value":"caf\u00e9 \"x\""}]""");
        Assert.Equal("{\n  \"a\": 1,\n  \"quo\\\"te\": \"caf\\u00e9 \\\"x\\\"\"\n}", result);
    }

    [Fact]
    public void Many_operations_on_one_object_compose()
    {
        string result = Apply("x.json", "{\n  \"a\": 1, // one\n  \"b\": 2\n}\n", """
            [{"op":"add","path":"/c","value":3},{"op":"remove","path":"/a"},{"op":"add","path":"/d","value":[]},
             {"op":"add","path":"/d/-","value":1},{"op":"replace","path":"/b","value":"B"},{"op":"remove","path":"/c"}]
            """);
        Assert.Equal("{\n  \"b\": \"B\",\n  \"d\": [\n    1\n  ]\n}\n", result);
    }

    [Fact]
    public void Comments_around_the_root_and_a_scalar_root_survive()
    {
        Assert.Equal("// head\n[\n  1,\n  2\n] // tail\n", Apply("x.json", "// head\n[\n  1\n] // tail\n", """[{"op":"add","path":"/-","value":2}]"""));
        Assert.Equal("/* n */ 2\n", Apply("x.json", "/* n */ 1\n", """[{"op":"replace","path":"","value":2}]"""));
    }

    [Fact]
    public void Copying_the_whole_document_into_itself_snapshots_it()
    {
        Assert.Equal("{\n  \"a\": 1,\n  \"self\": {\n    \"a\": 1\n  }\n}", Apply("x.json", "{\n  \"a\": 1\n}", """[{"op":"copy","from":"","path":"/self"}]"""));
    }

    [Fact]
    public void A_member_after_a_block_comment_on_its_line_is_removed_inline()
    {
        Assert.Equal("{ /* a */ \"b\": 2 }", Apply("x.json", "{ /* a */ \"a\": 1, \"b\": 2 }", """[{"op":"remove","path":"/a"}]"""));
    }

    [Fact]
    public void Removing_the_only_member_leaves_an_empty_object()
    {
        Assert.Equal("{\n  \"o\": {}\n}", Apply("x.json", "{\n  \"o\": {\n    \"k\": 1\n  }\n}", """[{"op":"remove","path":"/o/k"}]"""));
        Assert.Equal("{\n  \"o\": {\n    // keep\n  }\n}", Apply("x.json", "{\n  \"o\": {\n    // keep\n    \"k\": 1\n  }\n}", """[{"op":"remove","path":"/o/k"}]"""));
    }
}
