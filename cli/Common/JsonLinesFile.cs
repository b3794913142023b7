namespace BlueGreen.Cli.Common;

/// <summary>
/// <c>--events FILE</c> of <c>cutover</c>, <c>rollback</c> and <c>state migrate</c>: one JSON object per line, flushed as it
/// is written, so a pipeline can follow a run live (tail -f) and still has the whole story if the run is killed.
/// </summary>
internal sealed class JsonLinesFile : IDisposable
{
    private readonly string _path;
    private readonly TextWriter _warnings;
    private StreamWriter? _writer;

    /// <summary>
    /// Opens the file for appending (a re-run or a resumed run adds to the history, never erases it), creating its
    /// directory. A file that cannot be written costs a warning, never the run: records must not change outcomes, and a
    /// throw in the middle of a migration would leave blue's writers frozen with no release.
    /// </summary>
    public JsonLinesFile(string path, TextWriter warnings)
    {
        _path = path;
        _warnings = warnings;
        try
        {
            RunRecords.EnsureDirectory(path);
            _writer = new StreamWriter(path, append: true) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail(e);
        }
    }

    /// <summary>Writes one line; <typeparamref name="T"/> must be in <see cref="JsonViews"/>.</summary>
    public void Write<T>(T line)
    {
        try
        {
            _writer?.WriteLine(JsonOutput.Serialize(line, JsonOutput.Lines));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
        }
    }

    public void Dispose() => _writer?.Dispose();

    private void Fail(Exception e)
    {
        _warnings.WriteLine($"warning: --events = {_path}: cannot be written ({e.Message}); the run goes on without it");
        _writer?.Dispose();
        _writer = null;
    }
}
