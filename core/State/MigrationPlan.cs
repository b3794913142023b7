using System.Collections.Immutable;
using System.Globalization;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.State;

/// <summary>The annotations a migration leaves on blue's workloads: the only record of a run, so a killed run resumes from the cluster.</summary>
public static class MigrationAnnotations
{
    /// <summary>The run's id; Velero's backups and restore are named after it.</summary>
    public const string Migration = "bluegreen.io/state-migration";

    /// <summary>The replica count a writer had before the freeze: what a rollback scales it back to.</summary>
    public const string ReplicasBeforeFreeze = "bluegreen.io/replicas-before-freeze";

    /// <summary>When the freeze began (ISO 8601, UTC): the freeze is measured from it, across a resume too.</summary>
    public const string FrozenAt = "bluegreen.io/frozen-at";

    /// <summary>Set at the switch: the data now lives on the named color, and blue's writers must stay at zero.</summary>
    public const string SwitchedTo = "bluegreen.io/state-switched-to";

    public static readonly ImmutableArray<string> All = [Migration, ReplicasBeforeFreeze, FrozenAt, SwitchedTo];
}

/// <summary>How far a Velero backup or restore got, read from <c>velero ... describe -o json</c>'s <c>phase</c>.</summary>
public enum VeleroPhase
{
    InProgress,
    Completed,

    /// <summary>Failed, PartiallyFailed or FailedValidation: some data may be missing, so it is never restored from or trusted.</summary>
    Failed,
}

public static class VeleroPhases
{
    /// <summary>Velero's phase names (New, InProgress, WaitingForPluginOperations, Finalizing... Completed, PartiallyFailed, Failed).</summary>
    public static VeleroPhase Parse(string? phase) => phase switch
    {
        "Completed" => VeleroPhase.Completed,
        "Failed" or "PartiallyFailed" or "FailedValidation" => VeleroPhase.Failed,
        _ => VeleroPhase.InProgress,
    };
}

/// <summary>A workload on blue as kubectl shows it: its strategy, replicas and the marks a migration left on it.</summary>
public sealed record LiveWorkload(string Kind, string Name, StateStrategy? Strategy, bool Stateful, int Replicas, ImmutableDictionary<string, string> Annotations)
{
    /// <summary><c>statefulset/orders-db</c>: how kubectl scale, annotate and rollout name it.</summary>
    public string Resource => $"{Kind.ToLowerInvariant()}/{Name}";

    /// <summary>The count the freeze recorded; null when none is recorded or the recorded text is not a count.</summary>
    public int? ReplicasBeforeFreeze =>
        Annotations.TryGetValue(MigrationAnnotations.ReplicasBeforeFreeze, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    /// <summary>
    /// The recorded text when it is there but is no replica count (a whole number, 0 or more): "three", "-1", "", "3.5". Read
    /// as absent, it would send the writer back to the count it runs now, which is 0 once frozen.
    /// </summary>
    public string? UnreadableReplicasBeforeFreeze =>
        Annotations.TryGetValue(MigrationAnnotations.ReplicasBeforeFreeze, out var text) && ReplicasBeforeFreeze is null ? text : null;

    /// <summary>Whether the freeze recorded a count here, readable or not: a recorded count is never written over.</summary>
    public bool FreezeRecorded => Annotations.ContainsKey(MigrationAnnotations.ReplicasBeforeFreeze);

    public DateTimeOffset? FrozenAt =>
        Annotations.TryGetValue(MigrationAnnotations.FrozenAt, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    public string? MigrationId => Annotations.GetValueOrDefault(MigrationAnnotations.Migration);

    public string? SwitchedTo => Annotations.GetValueOrDefault(MigrationAnnotations.SwitchedTo);

    /// <summary>
    /// The count to return the workload to: the one recorded before the freeze, else the one it runs now; null when the
    /// recorded one cannot be read, since no count can be guessed safely.
    /// </summary>
    public int? RestoreTo => UnreadableReplicasBeforeFreeze is null ? ReplicasBeforeFreeze ?? Replicas : null;

    /// <summary>Reads the workloads of a <c>kubectl get statefulset,deployment -o json</c> answer.</summary>
    public static Validated<IReadOnlyList<LiveWorkload>> FromKubectl(string source, string json) =>
        From([StateManifestReader.Read(source, json)], ns: null);

    /// <summary>
    /// The StatefulSets and Deployments of <paramref name="ns"/> as manifests declare them: what a dry run plans with when
    /// no cluster is at hand. A workload without <c>replicas</c> runs one, as Kubernetes defaults it.
    /// </summary>
    public static async Task<Validated<IReadOnlyList<LiveWorkload>>> FromManifestsAsync(IEnumerable<string> paths, string ns, CancellationToken cancellation = default)
    {
        var read = await StateScanner.ReadAsync(paths, cancellation).ConfigureAwait(false);
        return From(read, ns);
    }

    private static Validated<IReadOnlyList<LiveWorkload>> From(IReadOnlyList<ReadObjects> read, string? ns)
    {
        var stateful = StateInventory.From(read).Items.Select(i => (i.Kind, i.Name, i.Namespace)).ToHashSet();
        var workloads = read.SelectMany(r => r.Workloads)
            .Where(w => w.Kind is "StatefulSet" or "Deployment" && (ns is null || (w.Namespace ?? "default") == ns))
            .Select(w => new LiveWorkload(w.Kind, w.Name, w.Strategy, stateful.Contains((w.Kind, w.Name, w.Namespace)), w.Replicas ?? 1, w.Annotations))
            .ToList();
        var problems = read.SelectMany(r => r.Problems).ToList();
        return problems.Any(p => p.IsError)
            ? Validated<IReadOnlyList<LiveWorkload>>.Invalid(problems)
            : Validated<IReadOnlyList<LiveWorkload>>.Valid(workloads);
    }
}

/// <summary>The Velero copy a run makes: with volume snapshots, or with Velero's file-system backup.</summary>
public enum VeleroMode
{
    Snapshot,
    FileSystem,
}

/// <summary>How long a readiness check may take to pass and how often it is tried.</summary>
public sealed record ReadinessGate(string Description, TimeSpan Timeout, TimeSpan Interval);

/// <summary>What <c>bluegreen state migrate</c> was asked, once its options are parsed.</summary>
public sealed record MigrationRequest
{
    public required Color Target { get; init; }

    public required string Namespace { get; init; }

    /// <summary>Empty: every workload of the namespace.</summary>
    public ImmutableArray<string> Workloads { get; init; } = [];

    public ReadinessGate? Readiness { get; init; }

    /// <summary>The id of a new run; a run that finds an id on blue's workloads resumes that one instead.</summary>
    public required string NewId { get; init; }
}

/// <summary>A checked migration of one namespace: who is frozen, which copies are made, how green is judged ready.</summary>
public sealed record MigrationPlan
{
    private MigrationPlan()
    {
    }

    public required Color Target { get; init; }

    public Color Source => Target.Other();

    public required string Namespace { get; init; }

    public required string Id { get; init; }

    /// <summary>The selected workloads with a strategy, as blue shows them.</summary>
    public required ImmutableArray<LiveWorkload> Workloads { get; init; }

    /// <summary>Null when no selected workload moves its data through Velero.</summary>
    public VeleroMode? Velero { get; init; }

    public ReadinessGate? Readiness { get; init; }

    /// <summary>The workloads scaled to zero during the freeze.</summary>
    public ImmutableArray<LiveWorkload> Writers => [.. Workloads.Where(w => w.Strategy!.Value.Profile().Freezes)];

    /// <summary>
    /// The writers whose recorded count cannot be read: the run never freezes or scales them, it releases the others and
    /// leaves these for a person to return by hand (<see cref="Problems"/> says how). None once switched: nothing is returned then.
    /// </summary>
    public ImmutableArray<LiveWorkload> Unrestorable => Switched ? [] : [.. Writers.Where(w => w.RestoreTo is null)];

    /// <summary>Blue's writers are marked switched to the target: the data already lives there, and they stay at zero for good.</summary>
    public bool Switched => Writers.Any(w => w.SwitchedTo == Target.Key());

    /// <summary>One error per <see cref="Unrestorable"/> writer, naming it, the annotation, its value and the commands that return it.</summary>
    public ImmutableArray<Problem> Problems => [.. Unrestorable.Select(w => Problem.Error(
        ProblemCodes.StateUnreadableReplicas,
        $"{w.Kind}/{Namespace}/{w.Name} {MigrationAnnotations.ReplicasBeforeFreeze}",
        w.UnreadableReplicasBeforeFreeze,
        $"\"{w.UnreadableReplicasBeforeFreeze}\" is not a replica count (a whole number, 0 or more), so the count to return this writer to is unknown: " +
        $"the run does not go forward, and its release leaves it as it is ({w.Replicas} replicas now) while it returns the other writers. " +
        $"Return it by hand: {ReturnByHand(w)}"))];

    /// <summary>The command a person runs to return a writer, with COUNT where its recorded count cannot be read.</summary>
    public string ScaleByHand(LiveWorkload writer) =>
        $"kubectl -n {Namespace} scale {writer.Resource} --replicas={writer.RestoreTo?.ToString(CultureInfo.InvariantCulture) ?? "COUNT"}";

    public string RemoveMarksByHand(LiveWorkload writer) =>
        $"kubectl -n {Namespace} annotate {writer.Resource} {string.Join(" ", MigrationAnnotations.All.Select(a => $"{a}-"))}";

    /// <summary>Both commands that return a writer whose recorded count cannot be read: the scale, then the marks removed.</summary>
    public string ReturnByHand(LiveWorkload writer) => $"{ScaleByHand(writer)} (COUNT: its replicas before the freeze), then {RemoveMarksByHand(writer)}";

    public string SeedBackup => $"{Id}-seed";

    public string FinalBackup => $"{Id}-final";

    public string Restore => $"{Id}-restore";

    /// <summary>Every step this plan runs, in order: what <c>--dry-run</c> prints.</summary>
    public ImmutableArray<MigrationStep> Steps
    {
        get
        {
            var steps = ImmutableArray.CreateBuilder<MigrationStep>();
            if (Writers.IsEmpty)
            {
                return [];
            }

            // A writer whose count cannot be read is never frozen or scaled: the run only returns the others.
            if (!Unrestorable.IsEmpty)
            {
                return [MigrationStep.Release];
            }

            steps.Add(MigrationStep.Mark);
            if (Velero is not null)
            {
                steps.Add(MigrationStep.SeedBackup);
            }

            steps.Add(MigrationStep.Freeze);
            if (Velero is not null)
            {
                steps.AddRange(MigrationStep.FinalBackup, MigrationStep.AwaitBackupOnTarget, MigrationStep.Restore, MigrationStep.ScaleOnTarget);
            }

            steps.Add(MigrationStep.WaitReady);
            if (Readiness is not null)
            {
                steps.Add(MigrationStep.CheckReadiness);
            }

            steps.Add(MigrationStep.Switch);
            return steps.ToImmutable();
        }
    }

    /// <summary>
    /// Checks the request against blue's workloads: every selected stateful workload needs a strategy, one Velero mode per
    /// run, and a readiness check where the application switches its own primary. Every problem is reported at once.
    /// </summary>
    public static Validated<MigrationPlan> Create(MigrationRequest request, IReadOnlyList<LiveWorkload> blue)
    {
        var problems = new List<Problem>();
        if (request.Target == Color.Blue)
        {
            problems.Add(Problem.Error(ProblemCodes.StateWrongDirection, "--to", "blue", "state moves from blue to green; to bring data back after a switch, migrate the other way from the cluster that now holds it (the stacks' colors swap roles in the next upgrade)"));
        }

        foreach (var name in request.Workloads.Where(n => !blue.Any(w => w.Name == n)))
        {
            problems.Add(Problem.Error(ProblemCodes.StateUnknownWorkload, "--workload", name, $"no StatefulSet or Deployment of that name in namespace {request.Namespace} on blue"));
        }

        var selected = blue.Where(w => request.Workloads.IsEmpty || request.Workloads.Contains(w.Name)).ToList();
        var missing = selected.Where(w => w.Stateful && w.Strategy is null).Select(w => w.Resource).ToList();
        if (missing.Count > 0)
        {
            problems.Add(Problem.Error(ProblemCodes.StateNoStrategy, StateStrategies.Annotation, null,
                $"no-go: these stateful workloads declare no strategy, so what happens to their data is unknown; annotate each with {StateStrategies.Annotation}: {StateStrategies.Names}: {string.Join(", ", missing)}"));
        }

        var withStrategy = selected.Where(w => w.Strategy is not null).ToImmutableArray();
        var modes = withStrategy.Select(w => w.Strategy).Where(s => s is StateStrategy.Snapshot or StateStrategy.Backup).Distinct().ToList();
        if (modes.Count > 1)
        {
            problems.Add(Problem.Error(ProblemCodes.StateMixedVeleroModes, "--workload", string.Join(",", request.Workloads),
                "the selection mixes snapshot and backup workloads, and one Velero backup of a namespace copies all its volumes one way: give them one strategy, or move them to separate namespaces"));
        }

        var replicating = withStrategy.Where(w => w.Strategy == StateStrategy.Replicate).Select(w => w.Resource).ToList();
        if (replicating.Count > 0 && request.Readiness is null)
        {
            problems.Add(Problem.Error(ProblemCodes.StateReadinessRequired, "--readiness", null,
                $"{string.Join(", ", replicating)} switch their own primary: give the check that says green may take the writes (--readiness URL or --readiness-command CMD)"));
        }

        if (request.Readiness is { } gate && (gate.Timeout <= TimeSpan.Zero || gate.Interval <= TimeSpan.Zero))
        {
            problems.Add(Problem.Error(ProblemCodes.StateReadinessTiming, "--readiness-timeout", gate.Timeout.ToString(), "the readiness timeout and interval must be above zero"));
        }

        var ids = withStrategy.Select(w => w.MigrationId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 1)
        {
            problems.Add(Problem.Error(ProblemCodes.StateOtherMigration, MigrationAnnotations.Migration, string.Join(", ", ids),
                "blue's workloads carry marks of different migrations; finish or roll back one before starting another"));
        }

        if (problems.Count > 0)
        {
            return Validated<MigrationPlan>.Invalid(problems);
        }

        return Validated<MigrationPlan>.Valid(new MigrationPlan
        {
            Target = request.Target,
            Namespace = request.Namespace,
            Id = ids.SingleOrDefault() ?? request.NewId,
            Workloads = withStrategy,
            Velero = modes.SingleOrDefault() switch
            {
                StateStrategy.Snapshot => VeleroMode.Snapshot,
                StateStrategy.Backup => VeleroMode.FileSystem,
                _ => null,
            },
            Readiness = request.Readiness,
        });
    }
}
