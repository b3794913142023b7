using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Deprecations;

/// <summary>Removed or deprecated relative to the target, and where a removal falls in a blue/green jump.</summary>
public sealed class ApiDeprecationsTests
{
    private static readonly KubernetesVersion Blue = new(1, 32);
    private static readonly KubernetesVersion Green = new(1, 35);

    private static ManifestObject Manifest(string apiVersion, string kind) => new("app.yaml", 1, apiVersion, kind, "app", "shop");

    private static ApiFinding? Check(string apiVersion, string kind, string target, string? from = null) =>
        ApiDeprecations.Check([Manifest(apiVersion, kind)], KubernetesVersion.Parse(target), from is null ? null : KubernetesVersion.Parse(from))
            .SingleOrDefault();

    [Fact]
    public void An_api_is_removed_for_a_target_equal_to_its_removal_version()
    {
        Assert.Equal(ApiStatus.Removed, Check("policy/v1beta1", "PodDisruptionBudget", "1.25")?.Status);
    }

    [Fact]
    public void An_api_is_deprecated_for_a_target_between_its_deprecation_and_its_removal()
    {
        var finding = Check("policy/v1beta1", "PodDisruptionBudget", "1.24");

        Assert.Equal(ApiStatus.Deprecated, finding?.Status);
        Assert.False(finding?.IsBlocking);
        Assert.Equal("deprecated since 1.21, still served by 1.24, removal planned in 1.25", finding?.Explanation);
    }

    [Fact]
    public void An_api_is_not_a_finding_for_a_target_before_its_deprecation()
    {
        Assert.Null(Check("policy/v1beta1", "PodDisruptionBudget", "1.20"));
    }

    [Fact]
    public void A_deprecated_api_with_no_removal_planned_stays_a_warning_on_the_newest_versions()
    {
        var finding = Check("v1", "Endpoints", "1.35");

        Assert.Equal(ApiStatus.Deprecated, finding?.Status);
        Assert.Null(finding?.Api.RemovedIn);
        Assert.Equal("discovery.k8s.io/v1 EndpointSlice", finding?.Replacement);
    }

    [Fact]
    public void Core_v1_endpoints_are_not_a_finding_before_their_deprecation_in_1_33()
    {
        Assert.Null(Check("v1", "Endpoints", "1.32"));
    }

    [Fact]
    public void Current_apis_are_never_findings()
    {
        Assert.Empty(ApiDeprecations.Check(
            [Manifest("apps/v1", "Deployment"), Manifest("networking.k8s.io/v1", "Ingress"), Manifest("policy/v1", "PodDisruptionBudget")],
            Green,
            Blue));
    }

    [Fact]
    public void The_kind_must_match_too_since_a_group_version_can_remove_one_kind_and_keep_another()
    {
        Assert.Null(Check("storage.k8s.io/v1beta1", "VolumeAttributesClass", "1.33"));
        Assert.Equal(ApiStatus.Removed, Check("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.33")?.Status);
    }

    [Fact]
    public async Task A_jump_from_1_32_to_1_35_says_which_minor_removed_each_api()
    {
        var report = await ManifestScanner.ScanAsync([Fixture.Path("skipped-minors.yaml")], Green, Blue);

        Assert.Equal(
            [
                ("CronJob", ApiStatus.Removed, RemovalTiming.BeforeSource, "already removed in 1.25, before the source version 1.32"),
                ("FlowSchema", ApiStatus.Removed, RemovalTiming.BeforeSource, "already removed in 1.32, the source version itself"),
                ("ValidatingAdmissionPolicy", ApiStatus.Removed, RemovalTiming.BeforeSource, "already removed in 1.32, the source version itself"),
                ("ResourceClaim", ApiStatus.Removed, RemovalTiming.InSkippedMinor, "removed in 1.34, a minor this upgrade skips (1.32 → 1.35)"),
                ("VolumeAttributesClass", ApiStatus.Removed, RemovalTiming.InTarget, "removed in 1.35, the target version itself"),
                ("DeviceClass", ApiStatus.Deprecated, (RemovalTiming?)null, "deprecated since 1.35, still served by 1.35, removal planned in 1.38"),
                ("Endpoints", ApiStatus.Deprecated, null, "deprecated since 1.33, still served by 1.35, no removal planned"),
            ],
            report.Findings.Select(f => (f.Object.Kind, f.Status, f.Timing, f.Explanation)));
    }

    [Fact]
    public void Without_a_source_version_a_removal_is_placed_relative_to_the_target_only()
    {
        var finding = Check("batch/v1beta1", "CronJob", "1.35");

        Assert.Equal(RemovalTiming.BeforeTarget, finding?.Timing);
        Assert.Equal("removed in 1.25, before the target version 1.35", finding?.Explanation);
    }

    [Fact]
    public void A_replacement_that_the_target_also_removed_is_followed_to_one_it_serves()
    {
        Assert.Equal("flowcontrol.apiserver.k8s.io/v1", Check("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "1.35")?.Replacement);
    }

    [Fact]
    public void A_replacement_still_served_by_the_target_is_kept_as_the_guide_states_it()
    {
        Assert.Equal("flowcontrol.apiserver.k8s.io/v1beta2", Check("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "1.26")?.Replacement);
    }

    [Fact]
    public void Pod_security_policy_has_no_drop_in_replacement_even_through_its_extensions_group()
    {
        Assert.Equal(
            "none: migrate to Pod Security Admission or a third-party admission webhook",
            Check("extensions/v1beta1", "PodSecurityPolicy", "1.35")?.Replacement);
    }

    [Theory]
    [InlineData("1.36")]
    [InlineData("1.37")]
    public void Resource_v1beta1_is_deprecated_but_still_served_on_1_36_and_1_37_and_points_at_resource_v1(string target)
    {
        var finding = Check("resource.k8s.io/v1beta1", "ResourceClaim", target);

        Assert.Equal(ApiStatus.Deprecated, finding?.Status);
        Assert.False(finding?.IsBlocking);
        Assert.Equal("resource.k8s.io/v1", finding?.Replacement);
    }

    [Fact]
    public void Resource_v1beta1_is_no_longer_served_from_1_38()
    {
        Assert.Equal(ApiStatus.Removed, Check("resource.k8s.io/v1beta1", "DeviceClass", "1.38")?.Status);
    }

    [Theory]
    [InlineData("ValidatingAdmissionPolicy")]
    [InlineData("ValidatingAdmissionPolicyBinding")]
    public void Beta_validating_admission_policies_block_a_1_34_target(string kind)
    {
        var finding = Check("admissionregistration.k8s.io/v1beta1", kind, "1.34");

        Assert.Equal(ApiStatus.Removed, finding?.Status);
        Assert.Equal("admissionregistration.k8s.io/v1", finding?.Replacement);
    }

    [Fact]
    public void Flowcontrol_v1beta3_is_not_a_finding_before_its_deprecation_in_1_29()
    {
        Assert.Null(Check("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "1.28"));
        Assert.Equal(ApiStatus.Deprecated, Check("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "1.29")?.Status);
    }

    [Fact]
    public void An_hpa_on_a_1_22_target_is_pointed_at_autoscaling_v2beta2_since_autoscaling_v2_is_served_from_1_23()
    {
        var finding = Check("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.22");

        Assert.Equal(ApiStatus.Deprecated, finding?.Status);
        Assert.Equal("autoscaling/v2beta2", finding?.Replacement);
    }

    [Fact]
    public void An_hpa_on_a_1_23_target_is_pointed_at_autoscaling_v2()
    {
        Assert.Equal("autoscaling/v2", Check("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.23")?.Replacement);
    }

    [Fact]
    public void An_alpha_mutating_admission_policy_on_1_35_is_pointed_at_the_beta_that_1_35_serves()
    {
        Assert.Equal("admissionregistration.k8s.io/v1beta1", Check("admissionregistration.k8s.io/v1alpha1", "MutatingAdmissionPolicy", "1.35")?.Replacement);
    }

    [Fact]
    public void Without_a_served_replacement_the_finding_says_there_is_none_yet_and_from_when_one_is_served()
    {
        var table = DeprecatedApiTable.Parse("""
            reviewedThrough: "1.36"
            apis:
              - { apiVersion: example.k8s.io/v1alpha1, kind: Widget, introducedIn: "1.30", deprecatedIn: "1.33", removedIn: "1.36", replacement: example.k8s.io/v1, replacementAvailableIn: "1.35" }
            """);

        var finding = ApiDeprecations.Check(table, [Manifest("example.k8s.io/v1alpha1", "Widget")], new KubernetesVersion(1, 34), null).Single();

        Assert.DoesNotContain(table.Entries, e => e.ApiVersion == finding.Replacement);
        Assert.StartsWith("none served by 1.34 yet", finding.Replacement);
        Assert.Contains("1.35", finding.Replacement);
    }
}
