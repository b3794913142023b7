namespace BlueGreen.Core.Deprecations;

/// <summary>How much of each document a scan parses. Both find the same objects in valid YAML.</summary>
public enum ScanMode
{
    /// <summary>
    /// Every document is parsed in full by YamlDotNet: any YAML syntax error anywhere in a file is an error (which
    /// blocks). What <c>plan</c> uses, and <c>scan --strict</c>.
    /// </summary>
    Strict,

    /// <summary>
    /// Block-style documents are read only as far as their apiVersion, kind and metadata; anything the fast reader
    /// cannot decide goes to the full parse. A syntax error below a document's header goes unreported (the header
    /// alone decides what the document declares). The default of <c>scan</c>.
    /// </summary>
    Fast,
}
