using System.CommandLine;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Scanning;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Lifecycle;
using BlueGreen.Core.State;
using BlueGreen.Core.Model;
using BlueGreen.Core.Planning;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Planning;

/// <summary><c>bluegreen plan</c>: reads the blue and green stacks (and traffic, and manifests) and says go or no-go.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var blue = new Option<string>("--blue") { Description = "the blue cluster's stack file", DefaultValueFactory = _ => "Pulumi.blue.yaml" };
        var green = new Option<string>("--green") { Description = "the green cluster's stack file", DefaultValueFactory = _ => "Pulumi.green.yaml" };
        var traffic = new Option<string?>("--traffic") { Description = "the traffic stack file (default: Pulumi.traffic.yaml when it exists)" };
        var manifests = new Option<string[]>("--manifests", "-m")
        {
            Description = "manifest files or directories to check against green's version (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = OutputOption.Create();
        var date = DateOption.Create();
        var deployedFiles = DeployedOutputs.CreateFilesOption();
        var deployedFromPulumi = DeployedOutputs.CreatePulumiOption();
        var command = new Command("plan", $"Plan the move from the blue cluster to the green one: versions, support, skew, add-ons, removed APIs, traffic, and a go/no-go verdict.\n\n{ExitCodes.HelpText}")
        {
            blue,
            green,
            traffic,
            manifests,
            output,
            date,
            deployedFiles,
            deployedFromPulumi,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new PlanRequest(
                parse.GetValue(blue)!,
                parse.GetValue(green)!,
                parse.GetValue(traffic) ?? (File.Exists("Pulumi.traffic.yaml") ? "Pulumi.traffic.yaml" : null),
                parse.GetValue(manifests) ?? []),
            parse.GetValue(output),
            DateOption.Today(parse.GetValue(date)),
            DeployedOutputs.From(parse, deployedFiles, deployedFromPulumi),
            parse.InvocationConfiguration.Output,
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(
        PlanRequest request, OutputFormat format, DateOnly today, DeployedOutputs deployed, TextWriter writer, CancellationToken cancellation)
    {
        var catalog = VersionCatalog.Embedded;
        var context = new ResolutionContext(catalog, today, PulumiProject.NameFor(request.BlueFile));
        var blue = StackFile.Load(request.BlueFile);
        var green = StackFile.Load(request.GreenFile);
        var traffic = request.TrafficFile is null ? null : StackFile.Load(request.TrafficFile);

        var blueBlueprint = blue.Value is ClusterStackSettings b
            ? await deployed.ResolveAsync(b, blue.Problems, context, DeployedCluster.AssumedForPlan(b.KubernetesVersion, serving: true), cancellation)
            : null;
        var greenBlueprint = green.Value is ClusterStackSettings g
            ? await deployed.ResolveAsync(g, green.Problems, context, DeployedCluster.AssumedForPlan(g.KubernetesVersion, serving: false), cancellation)
            : null;

        var problems = new List<Problem>();
        problems.AddRange(blueBlueprint?.Problems ?? blue.Problems);
        problems.AddRange(greenBlueprint?.Problems ?? green.Problems);
        problems.AddRange(traffic?.Problems ?? []);
        problems.AddRange(RoleProblems(request, blue, green, traffic));
        if (problems.Any(p => p.IsError) || blueBlueprint?.Value is not { } before || greenBlueprint?.Value is not { } after)
        {
            PlanRendering.RenderInvalid(problems, format, writer);
            return ExitCodes.Blocked;
        }

        var scan = request.Manifests.Count == 0
            ? null
            : await ScanCommand.ScanAsync(request.Manifests, after.KubernetesVersion, before.KubernetesVersion, format, writer, cancellation);

        var plan = Planner.Plan(new PlanInputs
        {
            Blue = before,
            Green = after,
            Traffic = traffic?.Value as TrafficStackSettings,
            Manifests = scan,
            State = request.Manifests.Count == 0 ? null : await StateScanner.ScanAsync(request.Manifests, cancellation),
            Catalog = catalog,
            Today = today,
            Warnings = [.. problems],
        });
        PlanRendering.Render(plan, format, writer);
        return plan.Verdict.IsGo ? ExitCodes.Ok : ExitCodes.Blocked;
    }

    /// <summary>Each file must hold the stack its option names: a traffic file passed as --green is a mistake, not a plan.</summary>
    private static IEnumerable<Problem> RoleProblems(PlanRequest request, Validated<StackSettings> blue, Validated<StackSettings> green, Validated<StackSettings>? traffic)
    {
        if (blue.Value is { } b and not ClusterStackSettings)
        {
            yield return Problem.Error(ProblemCodes.OptionWrongStackFile, "--blue", request.BlueFile, "is not a cluster stack file (it has no infra:color)") with { File = b.File };
        }

        if (green.Value is { } g and not ClusterStackSettings)
        {
            yield return Problem.Error(ProblemCodes.OptionWrongStackFile, "--green", request.GreenFile, "is not a cluster stack file (it has no infra:color)") with { File = g.File };
        }

        if (traffic?.Value is { } t and not TrafficStackSettings)
        {
            yield return Problem.Error(ProblemCodes.OptionWrongStackFile, "--traffic", request.TrafficFile, "is not a traffic stack file (it sets infra:color)") with { File = t.File };
        }
    }
}

internal sealed record PlanRequest(string BlueFile, string GreenFile, string? TrafficFile, IReadOnlyList<string> Manifests);
