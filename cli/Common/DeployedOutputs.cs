using System.CommandLine;
using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Common;

/// <summary>
/// Where the outputs a cluster stack last deployed come from, for validate and plan: a file per color
/// (<c>--deployed-outputs blue=blue.json</c>, what <c>pulumi stack output --json</c> printed) or, when asked, the pulumi
/// CLI itself. With them the in-place guard and the support rules judge a stack exactly as its Pulumi program will.
/// </summary>
internal sealed class DeployedOutputs(IReadOnlyDictionary<Color, string> files, bool fromPulumi, IProcessRunner processes)
{
    public static readonly DeployedOutputs Unknown = new(new Dictionary<Color, string>(), false, new ProcessRunner());

    public static Option<IReadOnlyDictionary<Color, string>> CreateFilesOption() => new("--deployed-outputs")
    {
        Description = "COLOR=FILE: that color's deployed outputs, as `pulumi stack output --json` prints them (repeatable)",
        HelpName = "COLOR=FILE",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => new Dictionary<Color, string>(),
        CustomParser = result =>
        {
            var files = new Dictionary<Color, string>();
            foreach (var token in result.Tokens.Select(t => t.Value))
            {
                var parts = token.Split('=', 2);
                if (parts.Length != 2 || !ColorNames.TryParse(parts[0], out var color) || parts[1].Length == 0 || !files.TryAdd(color, parts[1]))
                {
                    result.AddError($"--deployed-outputs '{token}' is not COLOR=FILE with COLOR blue or green, each color once.");
                }
            }

            return files;
        },
    };

    public static Option<bool> CreatePulumiOption() => new("--deployed-from-pulumi")
    {
        Description = "read each cluster stack's deployed outputs with `pulumi stack output --json` (needs the pulumi CLI and its login)",
    };

    public static DeployedOutputs From(ParseResult parse, Option<IReadOnlyDictionary<Color, string>> files, Option<bool> fromPulumi) =>
        new(parse.GetValue(files) ?? new Dictionary<Color, string>(), parse.GetValue(fromPulumi), new ProcessRunner());

    /// <summary>What the stack's cluster runs, or null when no source was given for it (then the guard cannot judge).</summary>
    public async Task<Validated<DeployedCluster>?> ReadAsync(Color color, StackSettings stack, CancellationToken cancellation)
    {
        if (files.TryGetValue(color, out var file))
        {
            var text = StackFile.ReadText(file);
            return text.IsValid ? DeployedCluster.FromOutputs(text.Require(), file) : Validated<DeployedCluster>.Invalid(text.Problems);
        }

        if (!fromPulumi)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(stack.File ?? ".")) ?? ".";
        var outputs = await new StackOutputReader(processes, directory).ReadAsync(stack.StackName, cancellation);
        return outputs.IsValid
            ? DeployedCluster.FromOutputs(outputs.Require(), $"pulumi stack output --stack {stack.StackName}")
            : Validated<DeployedCluster>.Invalid(outputs.Problems.Select(p => p with { Code = ProblemCodes.DeployedInvalid }));
    }

    /// <summary>
    /// Parse has run; resolution of a cluster stack with what its cluster runs. <paramref name="assumed"/> stands in when no
    /// source covers the stack (the plan takes blue as running what its file says, since blue serves today).
    /// </summary>
    public async Task<Validated<ClusterBlueprint>> ResolveAsync(
        ClusterStackSettings cluster, IEnumerable<Problem> parsed, ResolutionContext context, DeployedCluster? assumed, CancellationToken cancellation)
    {
        var deployed = cluster.Color is { } color ? await ReadAsync(color, cluster, cancellation) : null;
        if (deployed is { IsValid: false })
        {
            return Validated<ClusterBlueprint>.Invalid([.. parsed, .. deployed.Problems]);
        }

        return ClusterBlueprint.Resolve(cluster, parsed, context with { Deployed = deployed?.Value ?? assumed });
    }
}
