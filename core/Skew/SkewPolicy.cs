using System.Collections.Immutable;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Skew;

/// <summary>
/// The upstream version skew policy: how far each component may be from kube-apiserver. Read from the embedded
/// <c>skew-policy.data.yaml</c> so a policy change upstream is a data change reviewed on its own.
/// </summary>
internal sealed class SkewPolicy
{
    public const string Kubelet = "kubelet";
    public const string KubeProxy = "kube-proxy";
    public const string Kubectl = "kubectl";

    private const string ResourceName = "skew-policy.data.yaml";

    private static readonly Lazy<SkewPolicy> EmbeddedPolicy = new(LoadEmbedded);

    private readonly ImmutableDictionary<string, ImmutableArray<SkewRule>> rules;

    private SkewPolicy(string source, ImmutableDictionary<string, ImmutableArray<SkewRule>> rules)
    {
        Source = source;
        this.rules = rules;
    }

    public static SkewPolicy Embedded => EmbeddedPolicy.Value;

    public string Source { get; }

    /// <summary>The rule in force for a component when kube-apiserver runs <paramref name="controlPlane"/>.</summary>
    public SkewRule RuleFor(string component, KubernetesVersion controlPlane) =>
        rules.TryGetValue(component, out var componentRules)
            ? componentRules.Where(r => r.Since <= controlPlane).MaxBy(r => r.Since)
              ?? throw new InvalidOperationException($"The skew policy has no rule for {component} at {controlPlane}.")
            : throw new ArgumentException($"The skew policy does not cover '{component}'.", nameof(component));

    /// <summary>Whether <paramref name="component"/> at <paramref name="version"/> may talk to kube-apiserver at <paramref name="controlPlane"/>.</summary>
    public SkewVerdict Check(string component, KubernetesVersion version, KubernetesVersion controlPlane)
    {
        var rule = RuleFor(component, controlPlane);
        var lag = controlPlane.MinorsNewerThan(version);
        return lag switch
        {
            _ when lag < 0 && -lag > rule.Newer => new SkewVerdict(component, version, controlPlane, SkewOutcome.TooNew,
                rule.Newer == 0
                    ? $"{component} {version} is newer than the control plane {controlPlane}; it may never be newer"
                    : $"{component} {version} is {-lag} minors newer than the control plane {controlPlane}; at most {rule.Newer} is supported"),
            _ when lag > rule.Older => new SkewVerdict(component, version, controlPlane, SkewOutcome.TooOld,
                $"{component} {version} is {lag} minors older than the control plane {controlPlane}; at most {rule.Older} is supported{RuleNote(component, rule)}"),
            _ => new SkewVerdict(component, version, controlPlane, SkewOutcome.Supported,
                lag == 0 ? $"{component} {version} matches the control plane" : $"{component} {version} is within the supported skew of the control plane {controlPlane}"),
        };
    }

    private string RuleNote(string component, SkewRule rule) =>
        rules[component].Length > 1 ? $" (the limit for control planes from {rule.Since} on)" : "";

    private static SkewPolicy LoadEmbedded()
    {
        var document = EmbeddedData.SkewPolicy()?.OnlyKeys("source", "components")
            ?? throw new InvalidDataException($"{ResourceName} is empty.");
        var rules = (document["components"]?.Items() ?? []).Select(c => c.OnlyKeys("name", "rules")).ToImmutableDictionary(
            c => Required(c["name"]?.String(), "components[].name"),
            c => (c["rules"]?.Items() ?? []).Select(Rule).ToImmutableArray());
        return new SkewPolicy(document["source"]?.String() ?? "", rules);
    }

    private static SkewRule Rule(YamlData rule)
    {
        rule.OnlyKeys("since", "older", "newer");
        return new SkewRule(
            KubernetesVersion.Parse(Required(rule["since"]?.String(), "since")),
            rule["older"]?.Number<int>() ?? 0,
            rule["newer"]?.Number<int>() ?? 0);
    }

    private static string Required(string? value, string key) =>
        value ?? throw new InvalidDataException($"{ResourceName}: {key} is required.");
}

/// <summary>How many minors a component may lag behind or run ahead of kube-apiserver, from control plane <see cref="Since"/> on.</summary>
internal sealed record SkewRule(KubernetesVersion Since, int Older, int Newer);

public enum SkewOutcome
{
    Supported,
    TooOld,
    TooNew,
}

public sealed record SkewVerdict(string Component, KubernetesVersion Version, KubernetesVersion ControlPlane, SkewOutcome Outcome, string Explanation)
{
    public bool IsSupported => Outcome == SkewOutcome.Supported;
}
