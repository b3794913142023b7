using Moq;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Infra.Tests;

[Collection(PulumiCollection.Name)]
public class InvalidSettingsTests
{
    [Fact]
    public async Task Invalid_settings_fail_the_preview_with_every_error_before_any_resource_is_registered()
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);

        var error = await Assert.ThrowsAsync<RunException>(() => Deployment.TestAsync(
            mocks.Object,
            StackRun.Options("invalid/Pulumi.blue.yaml", isPreview: true),
            () => StackProgram.RunAsync(StackRun.ConfigOf("invalid/Pulumi.blue.yaml"), StackRun.Today)));

        Assert.Contains("infra:kubernetesVersion", error.Message);
        Assert.Contains("infra:nodeGroups[0]", error.Message);
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.Never);
        mocks.Verify(m => m.CallAsync(It.IsAny<MockCallArgs>()), Times.Never);
    }
}
