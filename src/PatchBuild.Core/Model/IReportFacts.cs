namespace PatchBuild.Core.Model;

/// <summary>
/// A value in an error's <see cref="PatchError.Context"/> that is more than a scalar or a list: it names its own fields.
/// JSON reports write those fields as an object. Reports never reflect over a value's properties, because the native
/// (ahead-of-time compiled) tool has no metadata for them; a value that is neither a scalar, a list, a dictionary nor
/// this is written as its text.
/// </summary>
public interface IReportFacts
{
    /// <summary>The fields in report order, camelCase names.</summary>
    IReadOnlyList<KeyValuePair<string, object?>> Facts();
}
