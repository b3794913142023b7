using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;
using BlueGreen.Core.Planning;
using BlueGreen.Core.Settings;
using BlueGreen.Core.State;
using BlueGreen.Core.Tests.Settings;

namespace BlueGreen.Core.Tests.Planning;

public class PlannerTests
{
    private static readonly ClusterBlueprint Blue = SettingsFixtures.Blueprint("valid/Pulumi.blue.yaml");
    private static readonly ClusterBlueprint Green = SettingsFixtures.Blueprint("valid/Pulumi.green.yaml");

    [Fact]
    public void Clean_manifests_and_valid_stacks_are_a_go()
    {
        var plan = Planner.Plan(Inputs(Scan(new ManifestObject("app.yaml", 1, "apps/v1", "Deployment", "web", "shop"))));

        Assert.True(plan.Verdict.IsGo, string.Join("\n", plan.Verdict.Blockers));
    }

    [Fact]
    public void Removed_api_in_the_manifests_is_a_no_go_that_names_the_file_and_the_replacement()
    {
        var plan = Planner.Plan(Inputs(Scan(new ManifestObject("jobs/report.yaml", 7, "batch/v1beta1", "CronJob", "report", "shop"))));

        Assert.False(plan.Verdict.IsGo);
        var blocker = Assert.Single(plan.Verdict.Blockers);
        Assert.Contains("jobs/report.yaml:7", blocker);
        Assert.Contains("batch/v1", blocker);
    }

    [Fact]
    public void Unreadable_manifest_is_a_no_go_because_it_may_hide_a_removed_api()
    {
        var scan = Scan() with { Errors = [new ScanError("broken.yaml", 3, "mapping values are not allowed here")] };

        var plan = Planner.Plan(Inputs(scan));

        Assert.Contains(plan.Verdict.Blockers, b => b.StartsWith("broken.yaml:3", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_without_manifests_says_removed_apis_are_not_ruled_out()
    {
        var plan = Planner.Plan(Inputs(null));

        Assert.True(plan.Verdict.IsGo);
        Assert.Contains(plan.Verdict.Cautions, c => c.Contains("no manifests were scanned"));
    }

    [Fact]
    public void Green_older_than_blue_is_a_no_go()
    {
        var plan = Planner.Plan(Inputs(null) with { Blue = Green with { Color = Color.Blue }, Green = Blue with { Color = Color.Green } });

        Assert.Contains(plan.Verdict.Blockers, b => b.Contains("downgrade"));
    }

    [Fact]
    public void Plan_reports_the_minors_skipped_and_the_add_on_versions_before_and_after()
    {
        var plan = Planner.Plan(Inputs(null));

        Assert.Equal([new KubernetesVersion(1, 33), new KubernetesVersion(1, 34)], plan.Path.Skipped.ToArray());
        var kubeProxy = Assert.Single(plan.Addons, a => a.Name == "kube-proxy");
        Assert.StartsWith("v1.32", kubeProxy.Before);
        Assert.StartsWith("v1.35", kubeProxy.After);
    }

    [Fact]
    public void Blue_in_extended_support_is_a_caution_with_its_cost()
    {
        var plan = Planner.Plan(Inputs(null));

        Assert.Contains(plan.Verdict.Cautions, c => c.StartsWith("blue:", StringComparison.Ordinal) && c.Contains("extended", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Plan_carries_the_traffic_weights_now()
    {
        var traffic = (TrafficStackSettings)SettingsFixtures.Load("valid/Pulumi.traffic.yaml").Require();

        var plan = Planner.Plan(Inputs(null) with { Traffic = traffic });

        Assert.Equal(TrafficWeights.AllOn(Color.Blue), plan.Weights);
    }

    [Fact]
    public void A_settings_warning_is_a_caution_naming_its_file_and_key()
    {
        var typo = SettingsFixtures.Load("typo/Pulumi.green.yaml");

        var plan = Planner.Plan(Inputs(null) with { Green = SettingsFixtures.Blueprint("typo/Pulumi.green.yaml"), Warnings = [.. typo.Warnings] });

        Assert.Contains(plan.Verdict.Cautions, c => c.Contains("Pulumi.green.yaml") && c.Contains("infra:nodeGroup =") && c.Contains("did you mean infra:nodeGroups?"));
    }

    [Fact]
    public void A_settings_warning_about_a_support_phase_is_not_repeated_beside_that_cluster_s_caution()
    {
        var blue = SettingsFixtures.Load("valid/Pulumi.blue.yaml");

        var plan = Planner.Plan(Inputs(null) with { Warnings = [.. blue.Warnings] });

        Assert.Single(plan.Verdict.Cautions, c => c.Contains("left EKS standard support", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stateful_workload_without_a_strategy_is_a_no_go_that_names_it()
    {
        var state = StateScanner.Of("ledger.yaml", """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: ledger
              namespace: finance
            spec:
              serviceName: ledger
              selector:
                matchLabels: {app: ledger}
              template:
                metadata:
                  labels: {app: ledger}
                spec:
                  containers:
                    - name: ledger
                      image: ledger:7.2
              volumeClaimTemplates:
                - metadata:
                    name: journal
                  spec:
                    accessModes: [ReadWriteOnce]
                    storageClassName: io2
                    resources:
                      requests:
                        storage: 500Gi
            """);

        var plan = Planner.Plan(Inputs(Scan()) with { State = state });

        Assert.False(plan.Verdict.IsGo);
        Assert.Contains(plan.Verdict.Blockers, b => b.Contains("StatefulSet/finance/ledger", StringComparison.Ordinal));
        Assert.Same(state, plan.State);
    }

    [Fact]
    public void Manifests_that_hold_no_kubernetes_object_are_a_caution()
    {
        var plan = Planner.Plan(Inputs(Scan() with { FilesScanned = 0 }));

        Assert.Contains(plan.Verdict.Cautions, c => c.Contains("no Kubernetes objects were found", StringComparison.Ordinal));
    }

    private static PlanInputs Inputs(ScanReport? scan) => new() { Blue = Blue, Green = Green, Manifests = scan, Catalog = VersionCatalog.Embedded, Today = SettingsFixtures.Today };

    private static ScanReport Scan(params ManifestObject[] objects) => new()
    {
        Target = Green.KubernetesVersion,
        From = Blue.KubernetesVersion,
        Findings = ApiDeprecations.Check(objects, Green.KubernetesVersion, Blue.KubernetesVersion),
        Errors = [],
        FilesScanned = objects.Select(o => o.File).Distinct().Count(),
        ObjectsSeen = objects.Length,
    };
}
