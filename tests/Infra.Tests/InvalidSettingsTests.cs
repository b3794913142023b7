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
}
