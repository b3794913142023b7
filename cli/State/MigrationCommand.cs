using BlueGreen.Cli.Common;
using BlueGreen.Cli.Cutover;
using System.Text.Json.Nodes;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;
using BlueGreen.Core.State;

namespace BlueGreen.Cli.State;

/// <summary>The shell of <c>bluegreen state migrate</c>: reads the clusters, builds the plan, runs or prints it, renders the record.</summary>
internal static class MigrationCommand
{
    public static async Task<int> RunAsync(MigrateRequest typed, StateServices services, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var (request, rollout, kubectl, usage) = StateCommand.Check(typed, services.Time.GetUtcNow());
        if (usage.Count > 0)
        {
            TrafficStackFile.Write(error, usage);
            return ExitCodes.Usage;
        }

        var timeouts = services.Timeouts with { Rollout = rollout, Kubectl = kubectl };
        var offline = typed.DryRun && typed.Manifests.Count > 0;
        using var kubeconfigs = OpenKubeconfigs(typed, services, offline, error, out var placeholders, out var traffic);
        if (kubeconfigs is null && !offline)
        {
            ExplainDryRun(typed, error);
            return ExitCodes.Blocked;
        }

        var blue = await AccessAsync(kubeconfigs, Color.Blue, placeholders, error, cancellation);
        var green = await AccessAsync(kubeconfigs, Color.Green, placeholders, error, cancellation);
        if (blue is null || green is null)
        {
            ExplainDryRun(typed, error);
            return ExitCodes.Blocked;
        }

        var tools = new Tools(services.Processes, Directory.GetCurrentDirectory(), problem => TrafficStackFile.Write(error, [problem]));
        var workloads = offline
            ? await LiveWorkload.FromManifestsAsync(typed.Manifests, request!.Namespace, cancellation)
            : await ReadBlueAsync(tools, new KubectlCommands(blue, request!.Namespace, timeouts.KubectlCall), cancellation);
        TrafficStackFile.Write(error, workloads.Problems);
        if (!workloads.IsValid)
        {
            if (!offline)
            {
                ExplainDryRun(typed, error);
            }

            return ExitCodes.Blocked;
        }

        var plan = MigrationPlan.Create(request, workloads.Require());
        TrafficStackFile.Write(error, plan.Problems);
        if (!plan.IsValid)
        {
            return ExitCodes.Blocked;
        }

        var migration = plan.Require();

        // Not a refusal: writers this run cannot return are named here, and the run then returns every other one.
        TrafficStackFile.Write(error, migration.Problems);
        using var http = new HttpClient();
        IReadinessCheck? readiness = migration.Readiness is null ? null
            : typed.ReadinessUrl is { } url ? new HttpReadinessCheck(http, new Uri(url), migration.Readiness.Interval)
            : new CommandReadinessCheck(services.Processes, typed.ReadinessCommand!, Directory.GetCurrentDirectory());
        var runner = new MigrationRunner(migration, blue, green, tools, readiness, timeouts, services.Time);

        if (typed.DryRun)
        {
            MigrationOutput.WriteDryRun(output, typed.Output, migration, runner, blue, green, services.Time.GetUtcNow());
            return migration.Problems.IsEmpty ? ExitCodes.Ok : ExitCodes.Blocked;
        }

        // Only a plan that copies data needs the bucket and what Velero holds; one that only returns blue's writers must not wait on them.
        if (migration.Steps.Contains(MigrationStep.Restore))
        {
            var bucket = await CheckBucketAsync(typed, services, traffic, tools, blue, green, error, cancellation);
            if (!bucket)
            {
                return ExitCodes.Blocked;
            }
        }

        var facts = await ReadFactsAsync(tools, migration, blue, green, cancellation);
        if (!facts.IsValid)
        {
            TrafficStackFile.Write(error, facts.Problems);
            return ExitCodes.Blocked;
        }

        var entries = new List<MigrationEntry>();
        using var events = typed.EventsFile is null ? null : new JsonLinesFile(typed.EventsFile, error);
        var final = await runner.RunAsync(MigrationEngine.Start(migration, facts.Require(), services.Time.GetUtcNow()), entry =>
        {
            entries.Add(entry);
            events?.Write(MigrationEventLine.From(entry));
            if (typed.Output == OutputFormat.Table)
            {
                MigrationOutput.WriteProgress(output, entry);
            }
        }, cancellation);

        MigrationOutput.WriteRecord(output, typed.Output, final, entries);
        return final.Phase is MigrationPhase.Finished { Outcome: MigrationOutcome.Completed } ? ExitCodes.Ok : ExitCodes.Blocked;
    }

    /// <summary>
    /// A dry run plans from blue's workloads; where blue cannot be reached (no Pulumi, no deployed stacks: a laptop before the
    /// upgrade), it says how to plan offline instead of leaving only the failure.
    /// </summary>
    private static void ExplainDryRun(MigrateRequest typed, TextWriter error)
    {
        if (typed.DryRun)
        {
            error.WriteLine(
                "The dry run could not read blue's workloads from its cluster. Plan it offline from the manifests instead " +
                $"(bluegreen state migrate --to {typed.To} --namespace {typed.Namespace} --dry-run --manifests PATH), " +
                "or give --kubeconfig-blue FILE --kubeconfig-green FILE.");
        }
    }

    private static IKubeconfigs? OpenKubeconfigs(
        MigrateRequest typed, StateServices services, bool offline, TextWriter error, out Dictionary<Color, string> placeholders, out TrafficStackSettings? traffic)
    {
        placeholders = new() { [Color.Blue] = "<blue's kubeconfig>", [Color.Green] = "<green's kubeconfig>" };
        traffic = null;
        if (typed.KubeconfigBlue is not null && typed.KubeconfigGreen is not null)
        {
            return new KubeconfigFiles(new Dictionary<Color, string> { [Color.Blue] = typed.KubeconfigBlue, [Color.Green] = typed.KubeconfigGreen });
        }

        var loaded = TrafficStackFile.Load(typed.StackFile, services.Time);
        if (!loaded.IsValid)
        {
            // Offline, the stack file only names the kubeconfigs in the printed commands; without it they stay generic.
            TrafficStackFile.Write(error, offline ? loaded.Problems.Select(p => p with { Severity = Severity.Warning }) : loaded.Problems);
            return null;
        }

        var settings = loaded.Require();
        traffic = settings;
        placeholders = new() { [Color.Blue] = PulumiKubeconfigs.Describe(settings, Color.Blue), [Color.Green] = PulumiKubeconfigs.Describe(settings, Color.Green) };
        return offline ? null : new PulumiKubeconfigs(services.Processes, TrafficStackFile.WorkingDirectory(typed.StackFile), settings);
    }

    private static async Task<ClusterAccess?> AccessAsync(IKubeconfigs? kubeconfigs, Color color, Dictionary<Color, string> placeholders, TextWriter error, CancellationToken cancellation)
    {
        if (kubeconfigs is null)
        {
            return new ClusterAccess(color, placeholders[color], placeholders[color]);
        }

        var access = await kubeconfigs.ForAsync(color, cancellation);
        TrafficStackFile.Write(error, access.Problems);
        return access.IsValid ? access.Require() : null;
    }

    private static async Task<Validated<IReadOnlyList<LiveWorkload>>> ReadBlueAsync(Tools tools, KubectlCommands blue, CancellationToken cancellation)
    {
        var get = blue.GetWorkloads();
        var (json, failed) = await tools.ReadAsync(get, cancellation);
        return failed is null
            ? LiveWorkload.FromKubectl($"blue ({get})", json!)
            : Validated<IReadOnlyList<LiveWorkload>>.Invalid([Problem.Error(ProblemCodes.ClusterUnreadable, "blue", null, $"could not read the namespace's workloads: {failed}")]);
    }

    /// <summary>
    /// Both colors' Velero must share the backup bucket (the shared stack's, beside the cluster stacks the traffic stack
    /// names), blue writing its prefix and green reading it, or the restore finds nothing after the freeze has begun:
    /// checked before anything changes. False when it blocks.
    /// </summary>
    private static async Task<bool> CheckBucketAsync(
        MigrateRequest typed, StateServices services, TrafficStackSettings? traffic, Tools tools, ClusterAccess blue, ClusterAccess green, TextWriter error, CancellationToken cancellation)
    {
        var bucket = typed.BackupBucket;
        var shared = traffic is null ? null : SharedStackOutputs.Beside(traffic.StackFor(blue.Color));
        if (bucket is null && shared is not null)
        {
            var outputs = await new StackOutputReader(services.Processes, TrafficStackFile.WorkingDirectory(typed.StackFile)).ReadAsync(shared, cancellation);
            bucket = outputs.IsValid && outputs.Require()[SharedStackOutputs.BackupBucket] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        }

        if (bucket is null)
        {
            TrafficStackFile.Write(error, [Problem.Warning(ProblemCodes.VeleroBucketUnknown, "--backup-bucket", null,
                $"no backup bucket known (neither --backup-bucket nor a {SharedStackOutputs.BackupBucket} output on the shared stack{(shared is null ? "" : $" {shared}")}): whether both colors' Velero share one is not checked")]);
            return true;
        }

        var problems = new List<Problem>();
        foreach (var cluster in new[] { blue, green })
        {
            var (locations, failed) = await tools.LocationsAsync(new VeleroCommands(cluster).GetLocations(), cancellation);
            problems.AddRange(failed is null ? BackupLocations.Check(bucket, blue.Color, cluster.Color, locations!) : [Problem.Error(ProblemCodes.ClusterUnreadable, $"{cluster.Color.Key()} velero", null, failed)]);
        }

        TrafficStackFile.Write(error, problems);
        return !problems.Any(p => p.IsError);
    }

    /// <summary>What Velero already shows of this run's id: how a resumed run knows which copies exist.</summary>
    private static async Task<Validated<MigrationFacts>> ReadFactsAsync(Tools tools, MigrationPlan plan, ClusterAccess blue, ClusterAccess green, CancellationToken cancellation)
    {
        if (!plan.Steps.Contains(MigrationStep.Restore))
        {
            return Validated<MigrationFacts>.Valid(MigrationFacts.Nothing);
        }

        var onBlue = new VeleroCommands(blue);
        var seed = await tools.PhaseAsync(onBlue.DescribeBackup(plan.SeedBackup), cancellation);
        var final = await tools.PhaseAsync(onBlue.DescribeBackup(plan.FinalBackup), cancellation);
        var restore = await tools.PhaseAsync(new VeleroCommands(green).DescribeRestore(plan.Restore), cancellation);
        var errors = new[] { seed.Error, final.Error, restore.Error }.OfType<string>().ToList();
        return errors.Count > 0
            ? Validated<MigrationFacts>.Invalid(errors.Select(e => Problem.Error(ProblemCodes.ClusterUnreadable, "velero", null, e)))
            : Validated<MigrationFacts>.Valid(new MigrationFacts(seed.Phase, final.Phase, restore.Phase));
    }
}
