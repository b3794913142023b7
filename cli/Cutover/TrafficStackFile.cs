using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Cutover;

/// <summary>The traffic stack's settings file, shared by cutover, rollback and retire; pulumi runs beside it.</summary>
internal static class TrafficStackFile
{
    public static Option<string> CreateOption() => new("--stack-file")
    {
        Description = "the traffic stack's settings file; pulumi runs in its directory, on the stack it names",
        DefaultValueFactory = _ => "Pulumi.traffic.yaml",
    };

    public static Validated<TrafficStackSettings> Load(string path, TimeProvider time)
    {
        var loaded = StackFile.Load(path);
        return loaded switch
        {
            { IsValid: false } => Validated<TrafficStackSettings>.Invalid(loaded.Problems),
            { Value: TrafficStackSettings traffic } => Validated<TrafficStackSettings>.Valid(traffic, loaded.Warnings),
            _ => Validated<TrafficStackSettings>.Invalid([Problem.Error(ProblemCodes.OptionWrongStackFile, SettingKeys.Weights, null,
                "this is a cluster stack's file; give the traffic stack's (the one with infra:weights) with --stack-file") with { File = path }]),
        };
    }

    public static string WorkingDirectory(string path) => Path.GetDirectoryName(Path.GetFullPath(path))!;

    public static PulumiTrafficStack Stack(CutoverServices services, string path, TrafficStackSettings settings, TrafficVerb verb) =>
        new(services.Processes, WorkingDirectory(path), settings.StackName, verb);

    public static void Write(TextWriter writer, IEnumerable<Problem> problems)
    {
        foreach (var problem in problems)
        {
            writer.WriteLine(ProblemView.TextLine(problem));
        }
    }
}
