using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>Each content rule through the real engine: a file created with the content is refused, or written.</summary>
public sealed class ContentRuleTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Theory]
    [InlineData("db/cleanup.sql", "DROP TABLE customers;")]
    [InlineData("db/cleanup.sql", "drop database shop;")]
    [InlineData("db/cleanup.sql", "TRUNCATE TABLE orders;")]
    [InlineData("db/cleanup.sql", "DELETE FROM orders;")]
    [InlineData("db/cleanup.sql", "update orders set total = 0;")]
    [InlineData("db/cleanup.sql", "ALTER TABLE orders DROP COLUMN total;")]
    [InlineData("src/Repo.cs", "var sql = \"DELETE FROM Orders\";")]
    [InlineData("src/Repo.cs", "db.Execute(\"UPDATE Users SET Active = 0\");")]
    [InlineData("config/job.yaml", "steps:\n  - run: psql -c \"DROP SCHEMA sales CASCADE\"")]
    public async Task Pb1004_destructive_sql_is_blocked(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content + "\n"));
        SafetyAssert.Blocked(result, "PB1004");
        Assert.False(_tree.Exists(path));
    }

    [Theory]
    [InlineData("db/cleanup.sql", "DELETE FROM orders WHERE id = 5;")]
    [InlineData("db/cleanup.sql", "UPDATE orders\nSET total = 0\nWHERE id = 5;")]
    [InlineData("db/cleanup.sql", "CREATE TABLE customers (id int);")]
    [InlineData("src/Cache.cs", "// delete from the cache when it expires;\nclass Cache { }")]
    [InlineData("docs/notes.md", "Never run DROP TABLE customers in production.")]
    public async Task Pb1004_targeted_or_harmless_sql_passes(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content + "\n"));
        SafetyAssert.Passed(result);
        Assert.True(_tree.Exists(path));
    }

    [Theory]
    [InlineData("src/Runner.cs", "class Runner { void Go() { System.Diagnostics.Process.Start(\"notepad\"); } }")]
    [InlineData("scripts/clean.sh", "rm -rf /var/lib/app")]
    [InlineData("scripts/setup.sh", "curl -sSL https://example.com/install.sh | sh")]
    [InlineData("scripts/setup.sh", "wget -qO- https://example.com/i.sh | sudo bash")]
    [InlineData("scripts/setup.ps1", "Invoke-Expression (New-Object Net.WebClient).DownloadString('http://x')")]
    [InlineData("scripts/setup.ps1", "irm https://example.com/x.ps1 | iex")]
    public async Task Pb1005_process_and_shell_execution_is_blocked(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content + "\n"));
        SafetyAssert.Blocked(result, "PB1005");
    }

    [Theory]
    [InlineData("src/Info.cs", "class Info { System.DateTime Started() => System.Diagnostics.Process.GetCurrentProcess().StartTime; }")]
    [InlineData("scripts/clean.sh", "rm -f build.log")]
    [InlineData("scripts/fetch.sh", "curl -o data.json https://example.com/data.json")]
    public async Task Pb1005_harmless_lookalikes_pass(string path, string content)
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create(path, content + "\n")));
    }

    [Fact]
    public async Task Pb1005_msbuild_exec_task_is_blocked_even_where_build_files_are_allowed()
    {
        _tree.Write("patchbuild.json", """{ "safety": { "rules": { "PB1003": { "allow": [ { "path": "build/*.targets", "reason": "team-owned targets" } ] } } } }""");
        var result = await _tree.ApplyAsync(TempTree.Create("build/extra.targets", "<Project>\n  <Target Name=\"X\">\n    <Exec Command=\"echo hi\" />\n  </Target>\n</Project>\n"));
        SafetyAssert.Blocked(result, "PB1005");
        SafetyAssert.NotBlockedBy(result, "PB1003");
    }

    [Theory]
    [InlineData("keys/id_rsa.txt", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----")]
    [InlineData("src/Aws.cs", "const string Key = \"AKIAIOSFODNN7EXAMPLE\";")]
    [InlineData("appsettings.json", "{ \"Storage\": \"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0\" }")]
    [InlineData("scripts/ci.sh", "export GH_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("src/Slack.cs", "var token = \"xoxb-1234567890-abcdefghij\";")]
    [InlineData("appsettings.json", "{ \"ApiKey\": \"sk9f8d7s6a5f4d3s2a1q0w9e8r7t6y5u\" }")]
    [InlineData("appsettings.json", "{ \"Db\": \"Server=db;Database=shop;User Id=sa;Password=Hunter2!x;\" }")]
    public async Task Pb1006_secrets_are_blocked_and_not_echoed(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content + "\n"));
        var error = SafetyAssert.Blocked(result, "PB1006");
        Assert.DoesNotContain("Hunter2!x", error.Message);
        Assert.DoesNotContain("IOSFODNN7EXAMPLE", error.Message);
        Assert.Contains("…", (string)error.Context["match"]!);
    }

    [Theory]
    [InlineData("appsettings.json", "{ \"Db\": \"Server=db;Database=shop;User Id=sa;Password=${DB_PASSWORD};\" }")]
    [InlineData("src/User.cs", "class User { public string Password { get; set; } = \"\"; void Set(string value) { Password = value; } }")]
    [InlineData("appsettings.json", "{ \"ApiKey\": \"<put-your-key-here-please>\" }")]
    public async Task Pb1006_placeholders_and_properties_pass(string path, string content)
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create(path, content + "\n")));
    }

    [Theory]
    [InlineData("src/Http.cs", "class H { void M(System.Net.Http.HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true; } }")]
    [InlineData("src/Http.cs", "class H { void M(System.Net.Http.HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = System.Net.Http.HttpClientHandler.DangerousAcceptAnyServerCertificateValidator; } }")]
    [InlineData("src/Admin.cs", "[Microsoft.AspNetCore.Authorization.AllowAnonymous]\nclass AdminController { }")]
    public async Task Pb1007_weakened_security_is_blocked(string path, string content)
    {
        var result = await _tree.ApplyAsync(new ApplyOptions { Force = true }, TempTree.Create(path, content + "\n"));
        SafetyAssert.Blocked(result, "PB1007");
    }

    [Fact]
    public async Task Pb1007_cors_any_origin_with_credentials_is_blocked_but_either_alone_passes()
    {
        string anyOrigin = "class S { void C(dynamic p) { p.AllowAnyOrigin(); } }\n";
        SafetyAssert.Passed(await _tree.ApplyAsync(new ApplyOptions { Force = true }, TempTree.Create("src/Cors.cs", anyOrigin)));

        string both = "class S { void C(dynamic p) { p.AllowAnyOrigin();\n p.AllowCredentials(); } }\n";
        var result = await _tree.ApplyAsync(new ApplyOptions { Force = true }, TempTree.Recreate("src/Cors.cs", both));
        SafetyAssert.Blocked(result, "PB1007");

        string lambda = "class S { void C(dynamic p) { p.SetIsOriginAllowed(_ => true).AllowCredentials(); } }\n";
        SafetyAssert.Blocked(await _tree.ApplyAsync(new ApplyOptions { Force = true }, TempTree.Create("src/Cors2.cs", lambda)), "PB1007");
    }

    [Fact]
    public async Task Pb1007_certificate_callback_that_checks_errors_passes()
    {
        string code = "class H { void M(System.Net.Http.HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == System.Net.Security.SslPolicyErrors.None; } }\n";
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("src/Http.cs", code)));
    }

    [Theory]
    [InlineData("notes/a.txt", "bell\u0007here")]
    [InlineData("notes/b.txt", "escape\u001b[31mred")]
    [InlineData("notes/c.txt", "nul\0byte")]
    public async Task Pb1009_control_characters_and_binary_content_are_blocked(string path, string content)
    {
        var result = await _tree.ApplyAsync(TempTree.Create(path, content + "\n"));
        SafetyAssert.Blocked(result, "PB1009");
    }

    [Fact]
    public async Task Pb1009_tabs_and_form_feeds_pass()
    {
        SafetyAssert.Passed(await _tree.ApplyAsync(TempTree.Create("notes/t.txt", "a\tb\fc\r\nd\n")));
    }
}
