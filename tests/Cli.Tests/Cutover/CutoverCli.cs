using System.CommandLine;
using BlueGreen.Cli.Cutover;

namespace BlueGreen.Cli.Tests.Cutover;

/// <summary>
/// Runs the cutover, rollback and retire verbs in-process against a <see cref="FakePulumi"/>, with output and error captured.
/// Parse errors count as usage errors, as in the real command tree.
/// </summary>
internal static class CutoverCli
{
    public static async Task<CliRun> RunAsync(FakePulumi fake, params string[] args)
    {
        var root = new RootCommand
        {
            CutoverCommand.Create(fake.Services),
            RollbackCommand.Create(fake.Services),
            RetireCommand.Create(fake.Services),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var parsed = root.Parse(args);
        var exit = parsed.Errors.Count > 0
            ? 2
            : await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString() + string.Join('\n', parsed.Errors.Select(e => e.Message)));
    }

    /// <summary>
    /// A cutover against the two servers, fast enough for a test: 50 ms probes, 300 ms bakes, 3 probes per step. Timeout and
    /// latency bound are generous so that a busy test machine cannot fail a healthy server; failures are injected as 503s.
    /// </summary>
    public static string[] Cutover(FakePulumi fake, ColorServer blue, ColorServer green, string bake = "300ms") =>
    [
        "cutover", "--to", "green",
        "--stack-file", fake.StackFile,
        "--endpoint", $"blue={blue.HealthUrl}",
        "--endpoint", $"green={green.HealthUrl}",
        "--probe-interval", "50ms",
        "--probe-timeout", "2s",
        "--max-p95", "2s",
        "--bake", bake,
        "--min-samples", "3",
        "--events", fake.PathTo("events.jsonl"),
        "--summary", fake.PathTo("summary.md"),
        "--timeline", fake.PathTo("timeline.svg"),
    ];
}
