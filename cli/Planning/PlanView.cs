using System.Globalization;
using BlueGreen.Cli.Common;
using BlueGreen.Cli.Scanning;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Planning;
using BlueGreen.Core.Skew;

namespace BlueGreen.Cli.Planning;

/// <summary>The plan flattened into what every output format shows; the JSON output is this record as it is.</summary>
internal sealed record PlanView(
    string Date,
    string Verdict,
    IReadOnlyList<string> Blockers,
    IReadOnlyList<string> Cautions,
    UpgradeView Upgrade,
    IReadOnlyList<SupportView> Support,
    IReadOnlyList<NodeGroupView> NodeGroups,
    IReadOnlyList<AddonView> Addons,
    ManifestsView? Manifests,
    TrafficView? Traffic,
    IReadOnlyList<ProblemView> Warnings)
{
    private const string NotInstalled = "not installed";

    public static PlanView From(UpgradePlan plan) => new(
        plan.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        plan.Verdict.Word,
        plan.Verdict.Blockers,
        plan.Verdict.Cautions,
        new UpgradeView(plan.Path.From.ToString(), plan.Path.To.ToString(), plan.Path.Minors, [.. plan.Path.Skipped.Select(v => v.ToString())]),
        [SupportView.From("blue", plan.BlueSupport), SupportView.From("green", plan.GreenSupport)],
        [.. NodeGroupView.From("blue", plan.BlueNodeGroups), .. NodeGroupView.From("green", plan.GreenNodeGroups)],
        [.. plan.Addons.Select(a => new AddonView(a.Name, a.Kind == AddonKind.Managed ? "eks" : "helm", a.Before ?? NotInstalled, a.After ?? NotInstalled, a.Changes))],
        plan.Manifests is { } scan
            ? new ManifestsView(
                scan.FilesScanned,
                scan.ObjectsSeen,
                [.. scan.Findings.Select(FindingView.From)],
                [.. scan.Errors.Select(ScanErrorView.From)])
            : null,
        plan.Weights is { } w ? new TrafficView(w.Blue, w.Green, w.Active.ToString().ToLowerInvariant()) : null,
        [.. plan.Warnings.Select(ProblemView.From)]);
}

internal sealed record UpgradeView(string From, string To, int Minors, IReadOnlyList<string> Skipped);

internal sealed record SupportView(
    string Color, string Version, string Phase, string? PhaseEnds, int? DaysLeft, string? EndOfStandardSupport, string? EndOfExtendedSupport,
    decimal? PricePerClusterHour, decimal? PricePerMonth, string Explanation)
{
    public static SupportView From(string color, SupportStatus status) => new(
        color,
        status.Version.ToString(),
        status.Phase switch
        {
            SupportPhase.Standard => "standard",
            SupportPhase.Extended => "extended",
            SupportPhase.Unsupported => "unsupported",
            SupportPhase.NotYetReleased => "not yet released",
            _ => "not in catalog",
        },
        Date(status.PhaseEnds),
        status.DaysLeft,
        Date(status.EndOfStandardSupport),
        Date(status.EndOfExtendedSupport),
        status.PricePerClusterHour,
        status.PricePerMonth,
        status.Explanation);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

internal sealed record NodeGroupView(string Color, string Name, string Kubelet, string ControlPlane, string Verdict, string Explanation)
{
    public static IEnumerable<NodeGroupView> From(string color, IEnumerable<NodeGroupSkew> groups) =>
        groups.Select(g => new NodeGroupView(
            color, g.NodeGroup, g.Verdict.Version.ToString(), g.Verdict.ControlPlane.ToString(),
            g.Verdict.Outcome switch
            {
                SkewOutcome.Supported => "ok",
                SkewOutcome.TooOld => "too old",
                _ => "too new",
            },
            g.Verdict.Explanation));
}

/// <summary>One add-on row; "not installed" on the side whose stack does not declare it.</summary>
internal sealed record AddonView(string Name, string Kind, string Blue, string Green, bool Changes);

internal sealed record ManifestsView(int FilesScanned, int ObjectsSeen, IReadOnlyList<FindingView> Findings, IReadOnlyList<ScanErrorView> Errors);

internal sealed record TrafficView(int Blue, int Green, string Active);
