using Moq;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Infra.Tests;

[Collection(PulumiCollection.Name)]
public class InvalidSettingsTests
{
    [Fact]
    public async Task Invalid_settings_fail_the_preview_with_every_error_before_any_resource_is_declared()
    {
        var mocks = new StackMocks();

        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(
            mocks,
            StackRun.Options("invalid/Pulumi.blue.yaml", isPreview: true),
            () => StackProgram.RunAsync(StackRun.ConfigOf("invalid/Pulumi.blue.yaml"), StackRun.Today)));

        Assert.Contains("infra:kubernetesVersion", error.Message);
        Assert.Contains("infra:nodeGroups[0]", error.Message);
        // The one read a cluster stack makes before its settings are judged: its own deployed outputs, for the in-place guard.
        var read = Assert.Single(mocks.Registered);
        Assert.Equal("pulumi:pulumi:StackReference", read.Type);
        Assert.Empty(mocks.Calls);
    }

    [Fact]
    public async Task A_setting_set_as_a_secret_fails_the_preview_without_showing_its_value()
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        var config = StackRun.ConfigOf("Pulumi.traffic.yaml");

        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(
            mocks.Object,
            StackRun.Options("Pulumi.traffic.yaml", isPreview: true),
            () => StackProgram.RunAsync(config, StackRun.Today, PulumiConfig.ParseSecretKeys("""["infra:config:hostedZone"]"""))));

        Assert.Contains("infra:hostedZone", error.Message);
        Assert.DoesNotContain(config["infra:hostedZone"], error.Message);
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.Never);
    }
}
