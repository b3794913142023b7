using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using static BlueGreen.Core.Tests.Blueprints.BlueprintFixtures;

namespace BlueGreen.Core.Tests.Blueprints;

/// <summary>The plan's "add-on versions before -> after": what the blue stack declares next to what the green one will.</summary>
public sealed class AddonChangeTests
{
    private static IEnumerable<AddonChange> Changes(ClusterBlueprint blue, ClusterBlueprint green) => AddonChange.Between(blue.Addons, green.Addons);

    [Fact]
    public void Every_declared_add_on_appears_once_in_registry_order()
    {
        var changes = Changes(Resolve(Blue), Resolve(Green));

        Assert.Equal(AddonRegistry.Installed.Select(a => a.Name).Except([AddonNames.SnapshotController]), changes.Select(c => c.Name));
    }

    [Fact]
    public void An_add_on_nothing_installs_is_never_a_row()
    {
        Assert.DoesNotContain(Changes(Resolve(Blue), Resolve(Green)), c => c.Name == AddonNames.ExternalDns);
    }

    [Fact]
    public void Each_side_shows_its_own_pins()
    {
        var blue = Resolve(Blue with { AddonOverrides = Blue.AddonOverrides.Add(AddonNames.CoreDns, "v1.11.4-eksbuild.2") });

        var coreDns = Assert.Single(Changes(blue, Resolve(Green)), c => c.Name == AddonNames.CoreDns);

        Assert.Equal("v1.11.4-eksbuild.2", coreDns.Before);
        Assert.True(coreDns.Changes);
    }

    [Fact]
    public void An_add_on_only_one_side_installs_has_no_version_on_the_other()
    {
        var snapshots = new Addon(AddonRegistry.Find(AddonNames.SnapshotController)!, "v8.2.0-eksbuild.1");

        var change = Assert.Single(AddonChange.Between([], [snapshots]));

        Assert.Equal(new AddonChange(AddonNames.SnapshotController, AddonKind.Managed, null, "v8.2.0-eksbuild.1"), change);
        Assert.True(change.Changes);
    }

    [Fact]
    public void Asking_for_the_add_ons_of_a_minor_outside_the_catalog_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VersionCatalog.Embedded.AddonsFor(new KubernetesVersion(1, 99)));
    }
}
