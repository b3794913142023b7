using System.Text.Json.Nodes;
using BlueGreen.Cli.Tests.Cutover;
using BlueGreen.Core.State;

namespace BlueGreen.Cli.Tests.State;

/// <summary><c>bluegreen state migrate</c> against stand-in kubectl and velero that keep both clusters and the bucket in files.</summary>
public sealed class StateMigrateTests : IDisposable
{
    private const string Ns = "orders";
    private const string Sts = "StatefulSet";
    private readonly FakeClusters _clusters = new();

    public void Dispose() => _clusters.Dispose();

    private static JsonNode Record(CliRun run) => JsonNode.Parse(run.Output)!;

    private int IndexOf(string fragment) => _clusters.Invocations.ToList().FindIndex(line => line.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public async Task A_snapshot_workload_moves_to_green_and_blue_stays_frozen_after_the_switch()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json", "--backup-bucket", "bluegreen-backups");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Completed", Record(run)["outcome"]!.GetValue<string>());
        Assert.True(Record(run)["freezeSeconds"]!.GetValue<double>() > 0);
        Assert.Equal(3, _clusters.Replicas("green", Ns, Sts, "orders-db"));
        Assert.Equal(["bluegreen.io/state"], _clusters.Annotations("green", Ns, Sts, "orders-db").Keys);
        Assert.Equal(0, _clusters.Replicas("blue", Ns, Sts, "orders-db"));
        Assert.Equal("green", _clusters.Annotations("blue", Ns, Sts, "orders-db")[MigrationAnnotations.SwitchedTo]);
    }

    [Fact]
    public async Task The_events_file_has_one_json_line_per_decision_from_start_to_outcome()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");
        var events = Path.Combine(_clusters.Root, "migration.jsonl");

        await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--backup-bucket", "bluegreen-backups", "--events", events);

        var lines = File.ReadAllLines(events).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal("start", lines[0]["event"]!["type"]!.GetValue<string>());
        Assert.Contains(lines, l => l["event"]!["type"]!.GetValue<string>() == "stepCompleted");
        Assert.Equal(("done", "completed"), (lines[^1]["action"]!["type"]!.GetValue<string>(), lines[^1]["action"]!["outcome"]!.GetValue<string>()));
        Assert.NotNull(lines[^1]["freezeEndedAt"]);
    }

    [Fact]
    public async Task A_second_run_adds_to_the_events_file_of_the_first_in_the_directory_the_first_created()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");
        var events = Path.Combine(_clusters.Root, "records", "migration.jsonl");
        await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--backup-bucket", "bluegreen-backups", "--events", events);
        var first = File.ReadAllLines(events).Length;

        await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--backup-bucket", "bluegreen-backups", "--events", events);

        var lines = File.ReadAllLines(events).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.True(lines.Count > first);
        Assert.Equal(("start", "start"), (lines[0]["event"]!["type"]!.GetValue<string>(), lines[first]["event"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_events_file_that_cannot_be_written_costs_a_warning_not_the_migration()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");
        // Its directory would have to be made inside a regular file.
        var events = Path.Combine(_clusters.Kubeconfig("blue"), "migration.jsonl");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--backup-bucket", "bluegreen-backups", "--events", events);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--events", run.Error);
        Assert.Equal(3, _clusters.Replicas("green", Ns, Sts, "orders-db"));
    }

    [Fact]
    public async Task The_long_backup_is_taken_before_the_freeze_and_the_final_one_during_it()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");

        await _clusters.MigrateAsync("--to", "green", "--namespace", Ns);

        var seed = IndexOf("-seed --include-namespaces orders --snapshot-volumes=true --wait");
        var freeze = IndexOf("scale statefulset/orders-db --replicas=0");
        var final = IndexOf("-final --include-namespaces orders --snapshot-volumes=true --wait");
        Assert.True(seed >= 0 && seed < freeze && freeze < final, string.Join('\n', _clusters.Invocations));
    }

    [Fact]
    public async Task Green_reading_another_bucket_than_blue_writes_to_is_refused_before_anything_changes()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");
        _clusters.LocationBucket("green", "old-green-backups");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--backup-bucket", "bluegreen-backups");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("green velero backup-location", run.Error, StringComparison.Ordinal);
        Assert.Equal(3, _clusters.Replicas("blue", Ns, Sts, "orders-db"));
        Assert.DoesNotContain(_clusters.Invocations, line => line.Contains(" annotate ", StringComparison.Ordinal) || line.Contains(" create ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_restore_returns_blue_writers_to_their_recorded_replicas()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "backup", "gp3");
        _clusters.RestoresEndIn("PartiallyFailed");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("RolledBack", Record(run)["outcome"]!.GetValue<string>());
        Assert.Equal(3, _clusters.Replicas("blue", Ns, Sts, "orders-db"));
        Assert.Equal(["bluegreen.io/state"], _clusters.Annotations("blue", Ns, Sts, "orders-db").Keys);
        Assert.True(IndexOf("--default-volumes-to-fs-backup=true") >= 0);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_from_what_the_clusters_show_without_copying_again()
    {
        const string Run = "bluegreen-orders-20261130230000";
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 0, "snapshot", "gp3",
            (MigrationAnnotations.Migration, Run), (MigrationAnnotations.ReplicasBeforeFreeze, "3"), (MigrationAnnotations.FrozenAt, "2026-11-30T23:01:00Z"));
        _clusters.AddBackup($"{Run}-seed", Ns, "Completed");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Run, Record(run)["run"]!.GetValue<string>());
        Assert.Equal(-1, IndexOf($"backup create {Run}-seed"));
        Assert.Equal([$"{Run}-final", $"{Run}-seed"], _clusters.Backups);
        Assert.Equal(3, _clusters.Replicas("green", Ns, Sts, "orders-db"));
        Assert.True(Record(run)["freezeSeconds"]!.GetValue<double>() > 3600, "the freeze counts from the time recorded on blue");
    }

    [Fact]
    public async Task A_readiness_check_that_never_passes_returns_blue_writers_and_never_switches()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 2, "replicate", "gp3");
        _clusters.AddWorkload("green", Ns, Sts, "orders-db", 2, "replicate", "gp3");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json",
            "--readiness-command", "echo 'replica lag 42s' >&2; exit 1", "--readiness-timeout", "300ms", "--readiness-interval", "50ms");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("RolledBack", Record(run)["outcome"]!.GetValue<string>());
        Assert.Equal(2, _clusters.Replicas("blue", Ns, Sts, "orders-db"));
        Assert.DoesNotContain(MigrationAnnotations.SwitchedTo, _clusters.Annotations("blue", Ns, Sts, "orders-db").Keys);
        Assert.True(Record(run)["steps"]!.AsArray().Count(s => s!["result"]!.GetValue<string>() == "not ready") >= 2);
        Assert.Equal(-1, IndexOf("velero"));
    }

    [Fact]
    public async Task A_replicating_workload_switches_once_its_readiness_url_answers_2xx()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 2, "replicate", "gp3");
        _clusters.AddWorkload("green", Ns, Sts, "orders-db", 2, "replicate", "gp3");
        await using var green = await ColorServer.StartAsync();
        var checks = 0;
        green.Failing = () => Interlocked.Increment(ref checks) <= 2;

        // Each check waits at most one interval for its answer: wide enough that a slow machine never loses an answer the server counted.
        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json",
            "--readiness", green.HealthUrl, "--readiness-timeout", "30s", "--readiness-interval", "1s");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, checks);
        Assert.Equal(0, _clusters.Replicas("blue", Ns, Sts, "orders-db"));
        Assert.Equal("green", _clusters.Annotations("blue", Ns, Sts, "orders-db")[MigrationAnnotations.SwitchedTo]);
        Assert.Equal(-1, IndexOf("velero"));
    }

    [Fact]
    public async Task A_run_stopped_before_the_switch_returns_blue_writers()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "replicate", "gp3");
        _clusters.AddWorkload("green", Ns, Sts, "orders-db", 3, "replicate", "gp3");
        using var stop = new CancellationTokenSource();
        var frozen = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && IndexOf("scale statefulset/orders-db --replicas=0") < 0)
            {
                await Task.Delay(20);
            }

            await stop.CancelAsync();
        });

        var run = await _clusters.RunAsync(stop.Token, "--to", "green", "--namespace", Ns, "--output", "json",
            "--readiness-command", "exit 1", "--readiness-timeout", "1m", "--readiness-interval", "50ms");
        await frozen;

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, _clusters.Replicas("blue", Ns, Sts, "orders-db"));
        Assert.Contains(Record(run)["steps"]!.AsArray(), s => s!["result"]!.GetValue<string>() == "interrupted");
    }

    [Fact]
    public async Task A_stateful_workload_without_a_strategy_is_a_no_go_that_changes_nothing()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");
        _clusters.AddWorkload("blue", Ns, Sts, "ledger", 1, null, "gp3");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("statefulset/ledger", run.Error, StringComparison.Ordinal);
        Assert.All(_clusters.Invocations, line => Assert.Contains(" get statefulset,deployment -o json", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_reads_blue_prints_every_command_and_changes_nothing()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "snapshot", "gp3");
        _clusters.AddWorkload("blue", Ns, "Deployment", "orders-api", 4, "external");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--dry-run", "--output", "json");

        Assert.Equal(0, run.ExitCode);
        var steps = Record(run)["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()).ToList();
        Assert.Equal(["mark", "seed-backup", "freeze", "final-backup", "await-backup-on-target", "restore", "scale-on-target", "wait-ready", "switch"], steps);
        Assert.Contains($"velero --kubeconfig {_clusters.Kubeconfig("blue")} backup create", run.Output, StringComparison.Ordinal);
        Assert.Single(_clusters.Invocations);
    }

    [Fact]
    public async Task Readiness_is_required_where_the_application_switches_its_own_primary()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "replicate", "gp3");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--readiness", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_duration_is_a_usage_error()
    {
        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--readiness", "http://127.0.0.1:1/ready", "--readiness-timeout", "soon");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(_clusters.Invocations);
    }

    [Theory]
    [InlineData("three")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("3.5")]
    public async Task A_writer_whose_recorded_count_is_garbled_is_left_as_found_while_every_other_writer_is_returned(string garbled)
    {
        const string Run = "bluegreen-orders-20261130230000";
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 0, "snapshot", "gp3",
            (MigrationAnnotations.Migration, Run), (MigrationAnnotations.ReplicasBeforeFreeze, garbled), (MigrationAnnotations.FrozenAt, "2026-11-30T23:01:00Z"));
        _clusters.AddWorkload("blue", Ns, Sts, "ledger", 0, "snapshot", "gp3",
            (MigrationAnnotations.Migration, Run), (MigrationAnnotations.ReplicasBeforeFreeze, "2"), (MigrationAnnotations.FrozenAt, "2026-11-30T23:01:00Z"));

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Aborted", Record(run)["outcome"]!.GetValue<string>());
        Assert.Equal("state.unreadable-replicas", Record(run)["problems"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("[state.unreadable-replicas]", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, _clusters.Replicas("blue", Ns, Sts, "ledger"));
        Assert.Equal(["bluegreen.io/state"], _clusters.Annotations("blue", Ns, Sts, "ledger").Keys);
        Assert.Equal(garbled, _clusters.Annotations("blue", Ns, Sts, "orders-db")[MigrationAnnotations.ReplicasBeforeFreeze]);
        Assert.Equal(-1, IndexOf("scale statefulset/orders-db"));
        Assert.Equal(-1, IndexOf("velero"));
    }

    [Fact]
    public async Task A_dry_run_that_finds_a_garbled_recorded_count_plans_only_the_release_and_exits_1()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 0, "snapshot", "gp3", (MigrationAnnotations.ReplicasBeforeFreeze, "three"));

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--dry-run", "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["release"], Record(run)["steps"]!.AsArray().Select(s => s!["step"]!.GetValue<string>()));
        Assert.Contains("[state.unreadable-replicas]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubectl_call_that_hangs_during_the_release_is_stopped_and_the_other_writers_are_still_returned()
    {
        _clusters.AddWorkload("blue", Ns, Sts, "orders-db", 3, "backup", "gp3");
        _clusters.AddWorkload("blue", Ns, Sts, "ledger", 2, "backup", "gp3");
        _clusters.RestoresEndIn("PartiallyFailed");
        _clusters.Hangs("blue", "scale statefulset/orders-db --replicas=3");

        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--output", "json", "--kubectl-timeout", "3s");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Aborted", Record(run)["outcome"]!.GetValue<string>());
        Assert.Contains("[command.timed-out]", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, _clusters.Replicas("blue", Ns, Sts, "ledger"));
    }

    [Fact]
    public async Task A_kubectl_timeout_that_is_not_a_duration_is_a_usage_error()
    {
        var run = await _clusters.MigrateAsync("--to", "green", "--namespace", Ns, "--kubectl-timeout", "forever");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[option.duration]", run.Error, StringComparison.Ordinal);
        Assert.Empty(_clusters.Invocations);
    }
}
