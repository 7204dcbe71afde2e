using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PatchBuild.Core.Checks.Output;

/// <summary>
/// A SARIF 2.1.0 log for code scanning (GitHub's upload-sarif, Azure DevOps' SARIF viewer): one run, the rules as
/// the driver's rule list, one result per finding located by a relative URI under %SRCROOT%.
/// </summary>
public static class SarifLogWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SrcRoot = "%SRCROOT%";

    public static string Write(CheckReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            var rules = RulesOf(report);
            WriteTool(json, rules);
            WriteBase(json, report.Root);
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(json, finding, rules);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Every check rule, then the safety rules this run actually reported, so each result's ruleIndex resolves.
    private static List<CheckRule> RulesOf(CheckReport report)
    {
        var rules = CheckRules.All.ToList();
        foreach (var rule in report.Findings.Select(f => f.ReportedRule))
        {
            if (!rules.Any(r => r.Id == rule.Id))
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static void WriteTool(Utf8JsonWriter json, List<CheckRule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", CheckRules.ToolName);
        json.WriteString("informationUri", CheckRules.InformationUri);
        json.WriteString("semanticVersion", typeof(SarifLogWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", "error");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteBase(Utf8JsonWriter json, string root)
    {
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SrcRoot);
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, CheckFinding finding, List<CheckRule> rules)
    {
        string ruleId = finding.ReportedRule.Id;
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteNumber("ruleIndex", rules.FindIndex(r => r.Id == ruleId));
        json.WriteString("level", finding.Severity == FindingSeverity.Error ? "error" : "warning");
        json.WriteStartObject("message");
        json.WriteString("text", finding.Hint is null ? finding.Message : $"{finding.Message} Fix: {finding.Hint}");
        json.WriteEndObject();

        // A finding about the run itself (git failed) has no file to point at; every other finding has one.
        if (finding.File is { } file)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", RelativeUri(file));
            json.WriteString("uriBaseId", SrcRoot);
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", Math.Max(1, finding.Line ?? 1));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    // A relative URI reference: forward slashes, each segment percent-encoded (spaces, '#', '%' are legal in file names).
    private static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
}
