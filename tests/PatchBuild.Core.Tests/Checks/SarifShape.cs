using System.Text.Json;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>
/// The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) a log must satisfy, plus what GitHub code
/// scanning requires on top, checked by hand: required properties, enums, types, and the cross references.
/// </summary>
internal static class SarifShape
{
    private static readonly string[] Levels = ["none", "note", "warning", "error"];

    public static void AssertValid(JsonElement log)
    {
        Assert.Equal(JsonValueKind.Object, log.ValueKind);
        Assert.Equal("2.1.0", RequiredString(log, "version"));
        Assert.True(Uri.TryCreate(RequiredString(log, "$schema"), UriKind.Absolute, out _));
        var runs = Required(log, "runs", JsonValueKind.Array);
        Assert.True(runs.GetArrayLength() >= 1);
        foreach (var run in runs.EnumerateArray())
        {
            AssertRun(run);
        }
    }

    private static void AssertRun(JsonElement run)
    {
        var driver = Required(Required(run, "tool", JsonValueKind.Object), "driver", JsonValueKind.Object);
        Assert.False(string.IsNullOrWhiteSpace(RequiredString(driver, "name")));
        Assert.True(Uri.TryCreate(RequiredString(driver, "informationUri"), UriKind.Absolute, out _));
        var ruleIds = new List<string>();
        foreach (var rule in Required(driver, "rules", JsonValueKind.Array).EnumerateArray())
        {
            string id = RequiredString(rule, "id");
            Assert.DoesNotContain(id, ruleIds);
            ruleIds.Add(id);
            Assert.False(string.IsNullOrWhiteSpace(RequiredString(Required(rule, "shortDescription", JsonValueKind.Object), "text")));
            Assert.True(Uri.TryCreate(RequiredString(rule, "helpUri"), UriKind.Absolute, out _));
            if (rule.TryGetProperty("defaultConfiguration", out var configuration))
            {
                Assert.Contains(RequiredString(configuration, "level"), Levels);
            }
        }

        if (run.TryGetProperty("originalUriBaseIds", out var bases))
        {
            foreach (var baseId in bases.EnumerateObject())
            {
                string uri = RequiredString(baseId.Value, "uri");
                Assert.EndsWith("/", uri);
                Assert.True(Uri.TryCreate(uri, UriKind.Absolute, out _));
            }
        }

        foreach (var result in Required(run, "results", JsonValueKind.Array).EnumerateArray())
        {
            string ruleId = RequiredString(result, "ruleId");
            Assert.Contains(ruleId, ruleIds);
            if (result.TryGetProperty("ruleIndex", out var index))
            {
                Assert.Equal(ruleId, ruleIds[index.GetInt32()]);
            }

            Assert.Contains(RequiredString(result, "level"), Levels);
            Assert.False(string.IsNullOrWhiteSpace(RequiredString(Required(result, "message", JsonValueKind.Object), "text")));
            var locations = Required(result, "locations", JsonValueKind.Array);
            Assert.True(locations.GetArrayLength() >= 1, "code scanning needs a location on every result");
            foreach (var location in locations.EnumerateArray())
            {
                var physical = Required(location, "physicalLocation", JsonValueKind.Object);
                string uri = RequiredString(Required(physical, "artifactLocation", JsonValueKind.Object), "uri");
                Assert.True(Uri.TryCreate(uri, UriKind.Relative, out _), $"'{uri}' is not a relative URI reference");
                Assert.DoesNotContain('\\', uri);
                Assert.False(uri.StartsWith('/'));
                var region = Required(physical, "region", JsonValueKind.Object);
                Assert.True(Required(region, "startLine", JsonValueKind.Number).GetInt32() >= 1);
            }
        }
    }

    private static JsonElement Required(JsonElement element, string name, JsonValueKind kind)
    {
        Assert.True(element.TryGetProperty(name, out var value), $"missing required property '{name}'");
        Assert.Equal(kind, value.ValueKind);
        return value;
    }

    private static string RequiredString(JsonElement element, string name) => Required(element, name, JsonValueKind.String).GetString()!;
}
