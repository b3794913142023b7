using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Model;

public class KubernetesVersionTests
{
    [Theory]
    [InlineData("1.33", 1, 33)]
    [InlineData("v1.33", 1, 33)]
    [InlineData("1.33.2", 1, 33)]
    [InlineData("v1.29.15", 1, 29)]
    [InlineData(" 1.36 ", 1, 36)]
    [InlineData("1.33.99999999999999999999", 1, 33)]
    public void A_minor_is_read_as_manifests_and_tools_write_it(string text, int major, int minor)
    {
        Assert.True(KubernetesVersion.TryParse(text, out var version));
        Assert.Equal(new KubernetesVersion(major, minor), version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".33")]
    [InlineData("1.33.")]
    [InlineData("1.33.2.1")]
    [InlineData("1.33-eks")]
    [InlineData("V1.33")]
    [InlineData("vv1.33")]
    [InlineData("+1.33")]
    [InlineData("1.-3")]
    [InlineData("1. 33")]
    [InlineData("1.33.x")]
    [InlineData("1.99999999999")]
    [InlineData("1.٣٣")]
    public void Anything_else_is_not_a_minor(string? text)
    {
        Assert.False(KubernetesVersion.TryParse(text, out _));
    }

    [Fact]
    public void Minors_order_by_major_then_minor()
    {
        Assert.True(new KubernetesVersion(1, 9) < new KubernetesVersion(1, 10));
        Assert.True(new KubernetesVersion(2, 0) > new KubernetesVersion(1, 36));
        Assert.Equal(0, new KubernetesVersion(1, 33).CompareTo(KubernetesVersion.Parse("v1.33.4")));
    }
}
