using System.Globalization;
using System.Text.Json;

namespace PatchBuild.Core.Formats.JsonPatch;

/// <summary>
/// Equality as RFC 6902's "test" defines it: numbers by numeric value (1 equals 1.0 and 1e0), strings by their
/// characters (escapes decoded), objects by their members regardless of order, arrays element by element.
/// Iterative, so a deep value cannot overflow the stack.
/// </summary>
internal static class JsonValueEquality
{
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        var pending = new Stack<(JsonElement, JsonElement)>();
        pending.Push((left, right));
        while (pending.Count > 0)
        {
            var (a, b) = pending.Pop();
            if (a.ValueKind != b.ValueKind)
            {
                return false;
            }

            switch (a.ValueKind)
            {
                case JsonValueKind.Object:
                {
                    var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    foreach (var property in b.EnumerateObject())
                    {
                        members[property.Name] = property.Value;
                    }

                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in a.EnumerateObject())
                    {
                        names.Add(property.Name);
                    }

                    if (names.Count != members.Count)
                    {
                        return false;
                    }

                    foreach (var property in a.EnumerateObject())
                    {
                        if (!members.TryGetValue(property.Name, out var other))
                        {
                            return false;
                        }

                        pending.Push((property.Value, other));
                    }

                    break;
                }

                case JsonValueKind.Array:
                    if (a.GetArrayLength() != b.GetArrayLength())
                    {
                        return false;
                    }

                    foreach (var pair in a.EnumerateArray().Zip(b.EnumerateArray()))
                    {
                        pending.Push(pair);
                    }

                    break;

                case JsonValueKind.String:
                    if (!string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;

                case JsonValueKind.Number:
                    if (!SameNumber(a.GetRawText(), b.GetRawText()))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    public static bool SameNumber(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        const NumberStyles style = NumberStyles.Float;
        if (decimal.TryParse(a, style, CultureInfo.InvariantCulture, out decimal da) &&
            decimal.TryParse(b, style, CultureInfo.InvariantCulture, out decimal db))
        {
            return da == db;
        }

        return double.TryParse(a, style, CultureInfo.InvariantCulture, out double fa) &&
               double.TryParse(b, style, CultureInfo.InvariantCulture, out double fb) &&
               fa.Equals(fb);
    }
}
