namespace PatchBuild.Core.Formats.JsonPatch.Jsonc;

/// <summary>A slice of a source string: untouched text is kept as slices so it is written back byte for byte without copying.</summary>
internal readonly record struct Seg(string Source, int Start, int Length)
{
    public static Seg Empty { get; } = new("", 0, 0);

    public static Seg Of(string text) => new(text, 0, text.Length);

    public ReadOnlySpan<char> Span => Source.AsSpan(Start, Length);

    public override string ToString() => Source.Substring(Start, Length);
}
