using BlueGreen.Core.Deprecations;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Deprecations;

/// <summary>
/// Every removal up to 1.36, from the Kubernetes API lifecycle (kubernetes/api zz_generated.prerelease-lifecycle.go) and
/// the deprecated-API migration guide, found in realistic manifests with the version that removed it and what replaces
/// it. The expected values are copied from the sources, not from the table, so a wrong row fails here.
/// </summary>
public sealed class RemovedApiTests(RemovedApiTests.ScanOfRemovedApis scan) : IClassFixture<RemovedApiTests.ScanOfRemovedApis>
{
    /// <summary>The fixtures scanned once against the newest minor any source mentions, so every removal applies.</summary>
    public sealed class ScanOfRemovedApis : IAsyncLifetime
    {
        public ScanReport Report { get; private set; } = null!;

        public async Task InitializeAsync() => Report = await ManifestScanner.ScanAsync([Fixture.Path("removed")], new KubernetesVersion(1, 36));

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Theory]
    // v1.16
    [InlineData("extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1")]
    [InlineData("extensions/v1beta1", "DaemonSet", "1.16", "apps/v1")]
    [InlineData("apps/v1beta2", "DaemonSet", "1.16", "apps/v1")]
    [InlineData("extensions/v1beta1", "Deployment", "1.16", "apps/v1")]
    [InlineData("apps/v1beta1", "Deployment", "1.16", "apps/v1")]
    [InlineData("apps/v1beta2", "Deployment", "1.16", "apps/v1")]
    [InlineData("apps/v1beta1", "StatefulSet", "1.16", "apps/v1")]
    [InlineData("apps/v1beta2", "StatefulSet", "1.16", "apps/v1")]
    [InlineData("extensions/v1beta1", "ReplicaSet", "1.16", "apps/v1")]
    [InlineData("apps/v1beta1", "ReplicaSet", "1.16", "apps/v1")]
    [InlineData("apps/v1beta2", "ReplicaSet", "1.16", "apps/v1")]
    [InlineData("extensions/v1beta1", "PodSecurityPolicy", "1.16", "policy/v1beta1")]
    // v1.17 (Pluto)
    [InlineData("scheduling.k8s.io/v1alpha1", "PriorityClass", "1.17", "scheduling.k8s.io/v1")]
    // v1.22
    [InlineData("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1")]
    [InlineData("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1")]
    [InlineData("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.22", "apiextensions.k8s.io/v1")]
    [InlineData("apiregistration.k8s.io/v1beta1", "APIService", "1.22", "apiregistration.k8s.io/v1")]
    [InlineData("authentication.k8s.io/v1beta1", "TokenReview", "1.22", "authentication.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", "1.22", "authorization.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", "1.22", "authorization.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "SubjectAccessReview", "1.22", "authorization.k8s.io/v1")]
    [InlineData("authorization.k8s.io/v1beta1", "SelfSubjectRulesReview", "1.22", "authorization.k8s.io/v1")]
    [InlineData("certificates.k8s.io/v1beta1", "CertificateSigningRequest", "1.22", "certificates.k8s.io/v1")]
    [InlineData("coordination.k8s.io/v1beta1", "Lease", "1.22", "coordination.k8s.io/v1")]
    [InlineData("extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1")]
    [InlineData("networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1")]
    [InlineData("networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "ClusterRole", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "Role", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1beta1", "RoleBinding", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1alpha1", "ClusterRole", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1alpha1", "ClusterRoleBinding", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1alpha1", "Role", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("rbac.authorization.k8s.io/v1alpha1", "RoleBinding", "1.22", "rbac.authorization.k8s.io/v1")]
    [InlineData("scheduling.k8s.io/v1beta1", "PriorityClass", "1.22", "scheduling.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "CSIDriver", "1.22", "storage.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "CSINode", "1.22", "storage.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1")]
    [InlineData("storage.k8s.io/v1beta1", "VolumeAttachment", "1.22", "storage.k8s.io/v1")]
    // v1.25
    [InlineData("batch/v1beta1", "CronJob", "1.25", "batch/v1")]
    [InlineData("discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1")]
    [InlineData("events.k8s.io/v1beta1", "Event", "1.25", "events.k8s.io/v1")]
    [InlineData("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2")]
    [InlineData("policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1")]
    [InlineData("policy/v1beta1", "PodSecurityPolicy", "1.25", "none: migrate to Pod Security Admission or a third-party admission webhook")]
    [InlineData("node.k8s.io/v1beta1", "RuntimeClass", "1.25", "node.k8s.io/v1")]
    // v1.26
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", "1.26", "flowcontrol.apiserver.k8s.io/v1beta2")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", "1.26", "flowcontrol.apiserver.k8s.io/v1beta2")]
    [InlineData("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2")]
    // v1.27
    [InlineData("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1")]
    // v1.29
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", "1.29", "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", "1.29", "flowcontrol.apiserver.k8s.io/v1")]
    // v1.32
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", "1.32", "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "1.32", "flowcontrol.apiserver.k8s.io/v1")]
    [InlineData("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicy", "1.32", "admissionregistration.k8s.io/v1")]
    [InlineData("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicyBinding", "1.32", "admissionregistration.k8s.io/v1")]
    [InlineData("authentication.k8s.io/v1alpha1", "SelfSubjectReview", "1.32", "authentication.k8s.io/v1")]
    // v1.33
    [InlineData("authentication.k8s.io/v1beta1", "SelfSubjectReview", "1.33", "authentication.k8s.io/v1")]
    // v1.34
    [InlineData("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", "1.34", "admissionregistration.k8s.io/v1")]
    [InlineData("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding", "1.34", "admissionregistration.k8s.io/v1")]
    [InlineData("resource.k8s.io/v1alpha3", "DeviceClass", "1.34", "resource.k8s.io/v1")]
    [InlineData("resource.k8s.io/v1alpha3", "ResourceClaim", "1.34", "resource.k8s.io/v1")]
    [InlineData("resource.k8s.io/v1alpha3", "ResourceClaimTemplate", "1.34", "resource.k8s.io/v1")]
    [InlineData("resource.k8s.io/v1alpha3", "ResourceSlice", "1.34", "resource.k8s.io/v1")]
    // v1.35
    [InlineData("storage.k8s.io/v1alpha1", "VolumeAttributesClass", "1.35", "storage.k8s.io/v1")]
    [InlineData("storagemigration.k8s.io/v1alpha1", "StorageVersionMigration", "1.35", "storagemigration.k8s.io/v1beta1")]
    public void Removed_api_is_found_with_the_version_that_removed_it_and_its_replacement(string apiVersion, string kind, string removedIn, string replacement)
    {
        var finding = Assert.Single(scan.Report.Findings, f => f.Object.ApiVersion == apiVersion && f.Object.Kind == kind);

        Assert.Equal(ApiStatus.Removed, finding.Status);
        Assert.Equal(KubernetesVersion.Parse(removedIn), finding.Api.RemovedIn);
        Assert.Equal(replacement, finding.Api.Replacement);
    }

    [Fact]
    public void Every_removal_up_to_the_scanned_target_has_a_manifest_among_the_fixtures()
    {
        var found = scan.Report.Findings.Select(f => (f.Object.ApiVersion, f.Object.Kind)).ToHashSet();

        var missing = DeprecatedApiTable.Default.Entries
            .Where(e => e.IsRemovedIn(scan.Report.Target) && !found.Contains((e.ApiVersion, e.Kind)))
            .Select(e => $"{e.ApiVersion} {e.Kind}");

        Assert.Empty(missing);
    }

    [Fact]
    public void Realistic_manifests_for_old_clusters_parse_without_errors()
    {
        Assert.Empty(scan.Report.Errors);
        Assert.Equal(7, scan.Report.FilesScanned);
    }
}
