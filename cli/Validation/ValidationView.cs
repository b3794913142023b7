using BlueGreen.Cli.Common;

namespace BlueGreen.Cli.Validation;

/// <summary><c>validate --output json</c>: every file given, in order, with its problems.</summary>
internal sealed record ValidationView(IReadOnlyList<ValidationView.FileView> Files)
{
    /// <param name="Role">What the file describes; null when it is invalid, since then nothing was resolved.</param>
    internal sealed record FileView(string File, string? Role, bool Valid, IReadOnlyList<ProblemView> Problems);
}
