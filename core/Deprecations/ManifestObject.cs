namespace BlueGreen.Core.Deprecations;

/// <summary>
/// A Kubernetes object found in a manifest file: what it declares and where, so a finding points at the line to edit.
/// </summary>
/// <param name="File">The path as the user gave it (or as found under a directory they gave).</param>
/// <param name="Line">1-based line of the object's first key, where its document (or its entry in a List's items) begins.</param>
public sealed record ManifestObject(string File, int Line, string ApiVersion, string Kind, string? Name, string? Namespace);
