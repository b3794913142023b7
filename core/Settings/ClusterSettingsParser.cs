using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>The shape of a cluster stack's settings; what the catalog and skew policy say about them is checked after.</summary>
internal static partial class ClusterSettingsParser
{
    private static readonly string[] NodeGroupFields = ["name", "instanceTypes", "minSize", "desiredSize", "maxSize", "kubernetesVersion"];

    public static ClusterStackSettings? Parse(StackConfig config, ConfigReader read, VersionCatalog catalog)
    {
        var color = ParseColor(config.StackName, read);
        var version = ParseClusterVersion(read, catalog);
        var nodeGroups = ParseNodeGroups(read, version);
        var addons = ParseAddons(read);
        var network = ParseNetwork(read);
        var policy = ParseUpgradePolicy(read);
        var accessEntries = AccessEntrySettingsParser.Parse(read);

        if (color is null || version is null || nodeGroups is null || addons is null || network is null || policy is null || accessEntries is null)
        {
            return null;
        }

        return new ClusterStackSettings
        {
            StackName = config.StackName,
            File = config.File,
            Color = color.Value,
            KubernetesVersion = version.Value,
            NodeGroups = nodeGroups.Value,
            AddonOverrides = addons,
            Network = network,
            UpgradePolicy = policy.Value,
            AccessEntries = accessEntries.Value,
        };
    }

    /// <summary>
    /// A color that disagrees with the stack's name is almost always a copied file; catching it here keeps
    /// the "blue" stack from ever building a cluster tagged green.
    /// </summary>
    private static Color? ParseColor(string stackName, ConfigReader read)
    {
        var text = read.String(SettingKeys.Color, required: true, "blue");
        if (text is null)
        {
            return null;
        }

        if (!ColorNames.TryParse(text, out var color))
        {
            read.Error(SettingKeys.Color, text, "must be blue or green");
            return null;
        }

        var shortName = stackName.Split('/')[^1].ToLowerInvariant();
        var matches = shortName == color.Key() || shortName.EndsWith($"-{color.Key()}", StringComparison.Ordinal)
            || shortName.StartsWith($"{color.Key()}-", StringComparison.Ordinal);
        if (!matches)
        {
            read.Error(SettingKeys.Color, text, $"does not match the stack '{stackName}': a {color.Key()} cluster belongs in a stack named {color.Key()} (or ending in -{color.Key()})");
            return null;
        }

        return color;
    }

    private static KubernetesVersion? ParseClusterVersion(ConfigReader read, VersionCatalog catalog)
    {
        var text = read.String(SettingKeys.KubernetesVersion, required: true, "\"1.33\"");
        var version = ParseVersion(text, SettingKeys.KubernetesVersion, read);
        if (version is { } known && !catalog.Knows(known))
        {
            read.Error(SettingKeys.KubernetesVersion, text,
                $"is not a Kubernetes version this tool knows; the catalog (as of {catalog.AsOf:yyyy-MM-dd}) has {string.Join(", ", catalog.Versions)}");
            return null;
        }

        return version;
    }

    private static KubernetesVersion? ParseVersion(string? text, string key, ConfigReader read)
    {
        if (text is null)
        {
            return null;
        }

        if (!KubernetesVersion.TryParse(text, out var version) || version.Major != 1)
        {
            read.Error(key, text, "is not a Kubernetes minor version such as \"1.33\"");
            return null;
        }

        return version;
    }

    /// <param name="clusterVersion">Null when the cluster's own version is invalid: node groups are still checked, but cannot be built.</param>
    private static ImmutableArray<NodeGroupSettings>? ParseNodeGroups(ConfigReader read, KubernetesVersion? clusterVersion)
    {
        var node = read.Json(SettingKeys.NodeGroups, required: true, "[{name: general, instanceTypes: [m6i.large], minSize: 2, desiredSize: 3, maxSize: 6}]");
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            read.Error(SettingKeys.NodeGroups, ConfigReader.Show(node), "must be a non-empty list of node groups");
            return null;
        }

        var groups = new List<NodeGroupSettings>();
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            var group = ParseNodeGroup(array[i], $"{SettingKeys.NodeGroups}[{i}]", read, clusterVersion);
            if (group is null)
            {
                valid = false;
                continue;
            }

            if (groups.Any(g => g.Name == group.Name))
            {
                read.Error($"{SettingKeys.NodeGroups}[{i}].name", group.Name, "is used by another node group; names must be unique within a cluster");
                valid = false;
            }

            groups.Add(group);
        }

        return valid ? groups.ToImmutableArray() : null;
    }

    private static NodeGroupSettings? ParseNodeGroup(JsonNode? node, string key, ConfigReader read, KubernetesVersion? clusterVersion)
    {
        if (node is not JsonObject obj)
        {
            read.Error(key, node is null ? null : ConfigReader.Show(node), "must be an object with name, instanceTypes, minSize, desiredSize and maxSize");
            return null;
        }

        read.WarnUnknownFields(obj, key, NodeGroupFields);
        var name = read.StringFrom(obj["name"], $"{key}.name", required: true);
        if (name is not null && !NodeGroupName().IsMatch(name))
        {
            read.Error($"{key}.name", name, "must be 1-63 letters, digits, '-' or '_', starting with a letter or digit (EKS node group naming)");
            name = null;
        }

        var label = name is null ? key : $"node group '{name}'";
        var instanceTypes = ParseInstanceTypes(obj["instanceTypes"], $"{key}.instanceTypes", read);
        var min = read.IntFrom(obj["minSize"], $"{key}.minSize", 0, 1000);
        var desired = read.IntFrom(obj["desiredSize"], $"{key}.desiredSize", 0, 1000);
        var max = read.IntFrom(obj["maxSize"], $"{key}.maxSize", 1, 1000);
        var version = clusterVersion;
        if (obj["kubernetesVersion"] is { } versionNode)
        {
            if (versionNode.GetValueKind() == JsonValueKind.Number)
            {
                read.Error($"{key}.kubernetesVersion", versionNode.ToJsonString(),
                    "must be a quoted string such as \"1.30\": YAML reads an unquoted 1.30 as the number 1.3");
                return null;
            }

            var parsed = ParseVersion(read.StringFrom(versionNode, $"{key}.kubernetesVersion", required: true), $"{key}.kubernetesVersion", read);
            if (parsed is null)
            {
                return null;
            }

            version = parsed.Value;
        }

        if (min is null || desired is null || max is null || name is null || instanceTypes is null)
        {
            return null;
        }

        var sizesValid = true;
        if (max < min)
        {
            read.Error($"{key}.maxSize", max.ToString(), $"{label}: maxSize {max} is less than minSize {min}");
            sizesValid = false;
        }

        else if (desired < min || desired > max)
        {
            read.Error($"{key}.desiredSize", desired.ToString(), $"{label}: desiredSize {desired} must be between minSize {min} and maxSize {max}");
            sizesValid = false;
        }

        return sizesValid && version is not null
            ? new NodeGroupSettings
            {
                Name = name,
                InstanceTypes = instanceTypes.Value,
                MinSize = min.Value,
                DesiredSize = desired.Value,
                MaxSize = max.Value,
                KubernetesVersion = version.Value,
            }
            : null;
    }

    private static ImmutableArray<string>? ParseInstanceTypes(JsonNode? node, string key, ConfigReader read)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            read.Error(key, node is null ? null : ConfigReader.Show(node), "must be a non-empty list of EC2 instance types such as [m6i.large]");
            return null;
        }

        var types = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var type = read.StringFrom(array[i], $"{key}[{i}]", required: true);
            if (type is null)
            {
                return null;
            }

            if (!InstanceType().IsMatch(type))
            {
                read.Error($"{key}[{i}]", type, "is not an EC2 instance type such as m6i.large");
                return null;
            }

            types.Add(type);
        }

        return types.ToImmutableArray();
    }

    private static ImmutableSortedDictionary<string, string>? ParseAddons(ConfigReader read)
    {
        var node = read.Json(SettingKeys.Addons, required: false, "{coredns: v1.11.4-eksbuild.2}");
        if (node is null)
        {
            // Missing, blank or null means no pins; text that is not JSON has been reported and leaves nothing to apply.
            return read.HasError(SettingKeys.Addons) ? null : ImmutableSortedDictionary<string, string>.Empty;
        }

        if (node is not JsonObject obj)
        {
            read.Error(SettingKeys.Addons, ConfigReader.Show(node), "must be a map of add-on name to pinned version");
            return null;
        }

        var addons = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var (name, value) in obj)
        {
            var version = read.StringFrom(value, $"{SettingKeys.Addons}.{name}", required: true);
            if (version is null)
            {
                valid = false;
                continue;
            }

            addons[name] = version;
        }

        return valid ? addons.ToImmutable() : null;
    }

    private static NetworkSettings? ParseNetwork(ConfigReader read)
    {
        var vpcId = read.String(SettingKeys.VpcId, required: false, "vpc-0a1b2c3d4e5f67890");
        var subnets = read.Json(SettingKeys.SubnetIds, required: false, "[subnet-0a1b2c3d, subnet-4e5f6789]");
        var cidr = read.String(SettingKeys.VpcCidr, required: false, "10.40.0.0/16");

        if (vpcId is not null && cidr is not null)
        {
            read.Error(SettingKeys.VpcCidr, cidr, $"cannot be combined with {SettingKeys.VpcId}: use an existing VPC or have one created, not both");
            return null;
        }

        if (vpcId is not null || subnets is not null)
        {
            return ParseExistingNetwork(vpcId, subnets, read);
        }

        if (cidr is null)
        {
            read.Error(SettingKeys.VpcCidr, null, $"is required unless {SettingKeys.VpcId} and {SettingKeys.SubnetIds} name an existing network (for example {SettingKeys.VpcCidr}: 10.40.0.0/16)");
            return null;
        }

        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            read.Error(SettingKeys.VpcCidr, cidr, "is not an IPv4 network in CIDR notation such as 10.40.0.0/16 (host bits must be zero)");
            return null;
        }

        // /24 is the smallest block that still splits into the four subnets (two AZs, public and private) the cluster needs.
        if (network.PrefixLength is < 16 or > 24)
        {
            read.Error(SettingKeys.VpcCidr, cidr, "must have a prefix from /16 (the largest VPC AWS allows) to /24 (room for four subnets)");
            return null;
        }

        return new NewNetwork(cidr);
    }

    private static ExistingNetwork? ParseExistingNetwork(string? vpcId, JsonNode? subnets, ConfigReader read)
    {
        var valid = true;
        if (vpcId is null)
        {
            read.Error(SettingKeys.VpcId, null, $"is required when {SettingKeys.SubnetIds} is set");
            valid = false;
        }
        else if (!VpcId().IsMatch(vpcId))
        {
            read.Error(SettingKeys.VpcId, vpcId, "is not a VPC id such as vpc-0a1b2c3d4e5f67890");
            valid = false;
        }

        if (subnets is not JsonArray array)
        {
            // Text that is not JSON at all has been reported already; saying it is not a list as well adds nothing.
            if (!read.HasError(SettingKeys.SubnetIds))
            {
                read.Error(SettingKeys.SubnetIds, subnets is null ? null : ConfigReader.Show(subnets), $"must list the subnets of {SettingKeys.VpcId} to use, in at least two availability zones");
            }

            return null;
        }

        if (array.Count < 2)
        {
            read.Error(SettingKeys.SubnetIds, array.ToJsonString(), "must name at least two subnets: EKS requires subnets in at least two availability zones");
            valid = false;
        }

        var ids = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var id = read.StringFrom(array[i], $"{SettingKeys.SubnetIds}[{i}]", required: true);
            if (id is not null && !SubnetId().IsMatch(id))
            {
                read.Error($"{SettingKeys.SubnetIds}[{i}]", id, "is not a subnet id such as subnet-0a1b2c3d4e5f67890");
                id = null;
            }

            if (id is null)
            {
                valid = false;
                continue;
            }

            ids.Add(id);
        }

        return valid ? new ExistingNetwork(vpcId!, ids.ToImmutableArray()) : null;
    }

    private static SupportPolicy? ParseUpgradePolicy(ConfigReader read)
    {
        var text = read.String(SettingKeys.UpgradePolicy, required: false, "standard");
        switch (text?.ToLowerInvariant())
        {
            case null or "standard":
                return SupportPolicy.Standard;
            case "extended":
                return SupportPolicy.Extended;
            default:
                read.Error(SettingKeys.UpgradePolicy, text, "must be standard or extended");
                return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_\-]{0,62}$")]
    private static partial Regex NodeGroupName();

    [GeneratedRegex(@"^[a-z][a-z0-9\-]*\.[a-z0-9\-]+$")]
    private static partial Regex InstanceType();

    [GeneratedRegex(@"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex VpcId();

    [GeneratedRegex(@"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex SubnetId();
}
