using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Deprecations;

/// <summary>
/// Decides, for each manifest object, whether the green (target) version removed or deprecated its API. The check is
/// cumulative: a blue/green jump from 1.32 to 1.35 must account for everything removed in 1.33, 1.34 and 1.35.
/// </summary>
public static class ApiDeprecations
{
    /// <param name="objects">Objects found in manifests (see <see cref="ManifestScanner"/>).</param>
    /// <param name="target">The green cluster's version: what the manifests will be applied to.</param>
    /// <param name="from">The blue cluster's version, when known: lets each removal be placed relative to the jump.</param>
    public static ImmutableArray<ApiFinding> Check(IEnumerable<ManifestObject> objects, KubernetesVersion target, KubernetesVersion? from = null) =>
        Check(DeprecatedApiTable.Default, objects, target, from);

    internal static ImmutableArray<ApiFinding> Check(
        DeprecatedApiTable table, IEnumerable<ManifestObject> objects, KubernetesVersion target, KubernetesVersion? from) =>
        [.. Unordered(table, objects, target, from).OrderBy(f => f.Object.File, StringComparer.Ordinal).ThenBy(f => f.Object.Line)];

    /// <summary>
    /// The findings in the order of <paramref name="objects"/>: for the scan, which checks each file as it is read and
    /// orders the findings of all files once at the end.
    /// </summary>
    internal static ImmutableArray<ApiFinding> Unordered(
        DeprecatedApiTable table, IEnumerable<ManifestObject> objects, KubernetesVersion target, KubernetesVersion? from)
    {
        var findings = ImmutableArray.CreateBuilder<ApiFinding>();
        foreach (var manifest in objects)
        {
            if (Classify(table, manifest, target, from) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings.DrainToImmutable();
    }

    private static ApiFinding? Classify(DeprecatedApiTable table, ManifestObject manifest, KubernetesVersion target, KubernetesVersion? from)
    {
        if (table.Find(manifest.ApiVersion, manifest.Kind) is not { } api)
        {
            return null;
        }

        if (api.IsRemovedIn(target))
        {
            var timing = Timing(api.RemovedIn!.Value, target, from);
            return new ApiFinding
            {
                Object = manifest,
                Api = api,
                Status = ApiStatus.Removed,
                Timing = timing,
                Replacement = ReplacementFor(table, api, target),
                Explanation = RemovalSentence(api.RemovedIn.Value, timing, target, from),
            };
        }

        if (api.IsDeprecatedIn(target))
        {
            return new ApiFinding
            {
                Object = manifest,
                Api = api,
                Status = ApiStatus.Deprecated,
                Replacement = ReplacementFor(table, api, target),
                Explanation = DeprecationSentence(api, target),
            };
        }

        return null;
    }

    private static RemovalTiming Timing(KubernetesVersion removedIn, KubernetesVersion target, KubernetesVersion? from) =>
        (removedIn, from) switch
        {
            _ when removedIn == target => RemovalTiming.InTarget,
            (_, { } source) when removedIn <= source => RemovalTiming.BeforeSource,
            (_, { }) => RemovalTiming.InSkippedMinor,
            _ => RemovalTiming.BeforeTarget,
        };

    private static string RemovalSentence(KubernetesVersion removedIn, RemovalTiming timing, KubernetesVersion target, KubernetesVersion? from) =>
        timing switch
        {
            RemovalTiming.InTarget => $"removed in {removedIn}, the target version itself",
            RemovalTiming.InSkippedMinor => $"removed in {removedIn}, a minor this upgrade skips ({from} → {target})",
            RemovalTiming.BeforeSource => removedIn == from
                ? $"already removed in {removedIn}, the source version itself"
                : $"already removed in {removedIn}, before the source version {from}",
            _ => $"removed in {removedIn}, before the target version {target}",
        };

    private static string DeprecationSentence(DeprecatedApi api, KubernetesVersion target) =>
        api.RemovedIn is { } removedIn
            ? $"deprecated since {api.DeprecatedIn}, still served by {target}, removal planned in {removedIn}"
            : $"deprecated since {api.DeprecatedIn}, still served by {target}, no removal planned";

    /// <summary>
    /// What to migrate to on the target: the table's replacement, followed while the target has removed it too; when the
    /// target does not serve that replacement yet (autoscaling/v2 from 1.23), another apiVersion of the kind that the
    /// target serves and that outlives this one (autoscaling/v2beta2 on 1.22); otherwise a note that there is none yet.
    /// </summary>
    private static string ReplacementFor(DeprecatedApiTable table, DeprecatedApi api, KubernetesVersion target)
    {
        var current = api;
        var seen = new HashSet<DeprecatedApi> { api };
        while (table.Find(current.Replacement, current.Kind) is { } next && next.IsRemovedIn(target) && seen.Add(next))
        {
            current = next;
        }

        if (current.ReplacementAvailableIn is not { } availableIn || target >= availableIn)
        {
            return current.Replacement;
        }

        return ServedAlternative(table, api, target)?.ApiVersion
            ?? $"none served by {target} yet: {current.Replacement} is served from {availableIn}";
    }

    private static DeprecatedApi? ServedAlternative(DeprecatedApiTable table, DeprecatedApi api, KubernetesVersion target) =>
        table.Entries
            .Where(e => e.Kind == api.Kind && e.ApiVersion != api.ApiVersion && e.IsServedIn(target) && Outlives(e, api))
            .OrderBy(e => e.IsDeprecatedIn(target))
            .ThenByDescending(e => e.IntroducedIn)
            .FirstOrDefault();

    private static bool Outlives(DeprecatedApi candidate, DeprecatedApi api) =>
        (candidate.RemovedIn, api.RemovedIn) switch
        {
            (null, _) => true,
            ({ } mine, { } theirs) => mine > theirs,
            _ => false,
        };
}
