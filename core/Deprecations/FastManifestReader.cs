namespace BlueGreen.Core.Deprecations;

internal static class FastManifestReader
{
    public static ParsedFile Read(string file, ReadOnlyMemory<byte> utf8) => ManifestParser.Parse(file, utf8, firstLine: 1);
}
