using System.Text.Json;

using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
var name = settings.RootElement.GetProperty("Greeting").GetProperty("Name").GetString();

Console.WriteLine($"Hello, {name}!");
