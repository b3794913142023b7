using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>The shape of a cluster stack's settings; what the catalog, the skew policy and the deployed cluster say about them is resolution's.</summary>
internal static partial class ClusterSettingsParser
{
    private static readonly string[] NodeGroupFields = ["name", "instanceTypes", "minSize", "desiredSize", "maxSize", "kubernetesVersion"];

    public static ClusterStackSettings Parse(StackConfig config, ConfigReader read) => new()
    {
        Source = config,
        Color = ParseColor(config.StackName, read),
        KubernetesVersion = ParseVersion(read.String(SettingKeys.KubernetesVersion, required: true, "\"1.33\""), SettingKeys.KubernetesVersion, read),
        NodeGroups = ParseNodeGroups(read),
        AddonOverrides = ParseAddons(read),
        Network = ParseNetwork(read),
        UpgradePolicy = ParseUpgradePolicy(read),
        AccessEntries = AccessEntrySettingsParser.Parse(read),
    };

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
            read.Error(ProblemCodes.BadFormat, SettingKeys.Color, text, "must be blue or green");
            return null;
        }

        var shortName = stackName.Split('/')[^1].ToLowerInvariant();
        var matches = shortName == color.Key() || shortName.EndsWith($"-{color.Key()}", StringComparison.Ordinal)
            || shortName.StartsWith($"{color.Key()}-", StringComparison.Ordinal);
        if (!matches)
        {
            read.Error(ProblemCodes.ColorStackMismatch, SettingKeys.Color, text, $"does not match the stack '{stackName}': a {color.Key()} cluster belongs in a stack named {color.Key()} (or ending in -{color.Key()})");
            return null;
        }

        return color;
    }

    private static KubernetesVersion? ParseVersion(string? text, string key, ConfigReader read)
    {
        if (text is null)
        {
            return null;
        }

        if (!KubernetesVersion.TryParse(text, out var version) || version.Major != 1)
        {
            read.Error(ProblemCodes.BadFormat, key, text, "is not a Kubernetes minor version such as \"1.33\"");
            return null;
        }

        return version;
    }

    private static ImmutableArray<NodeGroupSettings> ParseNodeGroups(ConfigReader read)
    {
        var node = read.Json(SettingKeys.NodeGroups, required: true, "[{name: general, instanceTypes: [m6i.large], minSize: 2, desiredSize: 3, maxSize: 6}]");
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            read.Error(ProblemCodes.WrongType, SettingKeys.NodeGroups, ConfigReader.Show(node), "must be a non-empty list of node groups");
            return [];
        }

        var groups = new List<NodeGroupSettings>();
        for (var i = 0; i < array.Count; i++)
        {
            var group = ParseNodeGroup(array[i], $"{SettingKeys.NodeGroups}[{i}]", read);
            if (group.Name is { } name && groups.Any(g => g.Name == name))
            {
                read.Error(ProblemCodes.NodeGroupDuplicateName, $"{SettingKeys.NodeGroups}[{i}].name", name, "is used by another node group; names must be unique within a cluster");
            }

            groups.Add(group);
        }

        return [.. groups];
    }

    private static NodeGroupSettings ParseNodeGroup(JsonNode? node, string key, ConfigReader read)
    {
        if (node is not JsonObject obj)
        {
            read.Error(ProblemCodes.WrongType, key, node is null ? null : ConfigReader.Show(node), "must be an object with name, instanceTypes, minSize, desiredSize and maxSize");
            return new NodeGroupSettings();
        }

        read.WarnUnknownFields(obj, key, NodeGroupFields);
        var name = read.StringFrom(obj["name"], $"{key}.name", required: true);
        if (name is not null && !NodeGroupName().IsMatch(name))
        {
            read.Error(ProblemCodes.BadFormat, $"{key}.name", name, "must be 1-63 letters, digits, '-' or '_', starting with a letter or digit (EKS node group naming)");
            name = null;
        }

        var label = name is null ? key : $"node group '{name}'";
        var instanceTypes = ParseInstanceTypes(obj["instanceTypes"], $"{key}.instanceTypes", read);
        var min = read.IntFrom(obj["minSize"], $"{key}.minSize", 0, 1000);
        var desired = read.IntFrom(obj["desiredSize"], $"{key}.desiredSize", 0, 1000);
        var max = read.IntFrom(obj["maxSize"], $"{key}.maxSize", 1, 1000);
        if (max < min)
        {
            read.Error(ProblemCodes.NodeGroupSizes, $"{key}.maxSize", max.ToString(), $"{label}: maxSize {max} is less than minSize {min}");
        }
        else if (desired < min || desired > max)
        {
            read.Error(ProblemCodes.NodeGroupSizes, $"{key}.desiredSize", desired.ToString(), $"{label}: desiredSize {desired} must be between minSize {min} and maxSize {max}");
        }

        return new NodeGroupSettings
        {
            Name = name,
            InstanceTypes = instanceTypes,
            MinSize = min,
            DesiredSize = desired,
            MaxSize = max,
            KubernetesVersion = obj["kubernetesVersion"] is not { } version ? null
                : version.GetValueKind() == JsonValueKind.Number ? Unquoted(version, $"{key}.kubernetesVersion", read)
                : ParseVersion(read.StringFrom(version, $"{key}.kubernetesVersion", required: true), $"{key}.kubernetesVersion", read),
        };
    }

    private static KubernetesVersion? Unquoted(JsonNode node, string key, ConfigReader read)
    {
        read.Error(ProblemCodes.UnquotedVersion, key, node.ToJsonString(), "must be a quoted string such as \"1.30\": YAML reads an unquoted 1.30 as the number 1.3");
        return null;
    }

    private static ImmutableArray<string>? ParseInstanceTypes(JsonNode? node, string key, ConfigReader read)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            read.Error(ProblemCodes.WrongType, key, node is null ? null : ConfigReader.Show(node), "must be a non-empty list of EC2 instance types such as [m6i.large]");
            return null;
        }

        var types = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var type = read.StringFrom(array[i], $"{key}[{i}]", required: true);
            if (type is not null && !InstanceType().IsMatch(type))
            {
                read.Error(ProblemCodes.BadFormat, $"{key}[{i}]", type, "is not an EC2 instance type such as m6i.large");
                type = null;
            }

            if (type is not null)
            {
                types.Add(type);
            }
        }

        return types.Count == array.Count ? [.. types] : null;
    }

    /// <returns>The pins that are well-formed; the others are reported.</returns>
    private static ImmutableSortedDictionary<string, string> ParseAddons(ConfigReader read)
    {
        var addons = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        switch (read.Json(SettingKeys.Addons, required: false, "{coredns: v1.11.4-eksbuild.2}"))
        {
            case null:
                // Missing, blank or null means no pins; text that is not JSON has been reported.
                break;
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (read.StringFrom(value, $"{SettingKeys.Addons}.{name}", required: true) is { } version)
                    {
                        addons[name] = version;
                    }
                }

                break;
            case var node:
                read.Error(ProblemCodes.WrongType, SettingKeys.Addons, ConfigReader.Show(node), "must be a map of add-on name to pinned version");
                break;
        }

        return addons.ToImmutable();
    }

    private static NetworkSettings? ParseNetwork(ConfigReader read)
    {
        var vpcId = read.String(SettingKeys.VpcId, required: false, "vpc-0a1b2c3d4e5f67890");
        var subnets = read.Json(SettingKeys.SubnetIds, required: false, "[subnet-0a1b2c3d, subnet-4e5f6789]");
        var cidr = read.String(SettingKeys.VpcCidr, required: false, "10.40.0.0/16");

        if (vpcId is not null && cidr is not null)
        {
            read.Error(ProblemCodes.NetworkConflict, SettingKeys.VpcCidr, cidr, $"cannot be combined with {SettingKeys.VpcId}: use an existing VPC or have one created, not both");
            return null;
        }

        var zones = read.Json(SettingKeys.AvailabilityZones, required: false, "[eu-west-1a, eu-west-1b]");
        if (vpcId is not null || subnets is not null)
        {
            if (zones is not null)
            {
                read.Error(ProblemCodes.NetworkConflict, SettingKeys.AvailabilityZones, ConfigReader.Show(zones), $"only places the subnets of a VPC this stack creates ({SettingKeys.VpcCidr}); {SettingKeys.SubnetIds} already decide the zones");
            }

            return ParseExistingNetwork(vpcId, subnets, read);
        }

        if (cidr is null)
        {
            read.Error(ProblemCodes.Required, SettingKeys.VpcCidr, null, $"is required unless {SettingKeys.VpcId} and {SettingKeys.SubnetIds} name an existing network (for example {SettingKeys.VpcCidr}: 10.40.0.0/16)");
            return null;
        }

        if (!VpcCidr.TryParse(cidr, out var block, out var error))
        {
            read.Error(error.Code, SettingKeys.VpcCidr, cidr, error.Message);
            return null;
        }

        var placed = ParseZones(zones, read);
        return placed is { } chosen ? new NewNetwork(block) { AvailabilityZones = chosen } : null;
    }

    /// <summary>
    /// The zones of a created VPC: exactly <see cref="NewNetwork.ZoneCount"/> distinct names or zone IDs; empty when
    /// the key is unset, which leaves the choice to the region's zone list.
    /// </summary>
    private static ImmutableArray<AvailabilityZone>? ParseZones(JsonNode? zones, ConfigReader read)
    {
        if (zones is null)
        {
            return [];
        }

        if (zones is not JsonArray array)
        {
            if (!read.HasError(SettingKeys.AvailabilityZones))
            {
                read.Error(ProblemCodes.NotStructured, SettingKeys.AvailabilityZones, ConfigReader.Show(zones), "must be a list of availability zone names or zone IDs, for example [eu-west-1a, eu-west-1b]");
            }

            return null;
        }

        var valid = true;
        var parsed = new List<AvailabilityZone>();
        for (var i = 0; i < array.Count; i++)
        {
            var key = $"{SettingKeys.AvailabilityZones}[{i}]";
            var text = read.StringFrom(array[i], key, required: true);
            if (text is null)
            {
                valid = false;
            }
            else if (!AvailabilityZone.TryParse(text, out var zone))
            {
                read.Error(ProblemCodes.BadFormat, key, text, "is not an availability zone name (eu-west-1a) or zone ID (euw1-az1)");
                valid = false;
            }
            else
            {
                parsed.Add(zone!);
            }
        }

        if (array.Count != NewNetwork.ZoneCount || parsed.Distinct().Count() != parsed.Count)
        {
            read.Error(ProblemCodes.NetworkZones, SettingKeys.AvailabilityZones, array.ToJsonString(), $"must name exactly {NewNetwork.ZoneCount} different zones: the created VPC has one public and one private subnet in each");
            valid = false;
        }

        return valid ? [.. parsed] : null;
    }

    private static ExistingNetwork? ParseExistingNetwork(string? vpcId, JsonNode? subnets, ConfigReader read)
    {
        var valid = true;
        if (vpcId is null)
        {
            read.Error(ProblemCodes.Required, SettingKeys.VpcId, null, $"is required when {SettingKeys.SubnetIds} is set");
            valid = false;
        }
        else if (!VpcId().IsMatch(vpcId))
        {
            read.Error(ProblemCodes.BadFormat, SettingKeys.VpcId, vpcId, "is not a VPC id such as vpc-0a1b2c3d4e5f67890");
            valid = false;
        }

        if (subnets is not JsonArray array)
        {
            // Text that is not JSON at all has been reported already; saying it is not a list as well adds nothing.
            if (!read.HasError(SettingKeys.SubnetIds))
            {
                read.Error(ProblemCodes.Required, SettingKeys.SubnetIds, subnets is null ? null : ConfigReader.Show(subnets), $"must list the subnets of {SettingKeys.VpcId} to use, in at least two availability zones");
            }

            return null;
        }

        if (array.Count < 2)
        {
            read.Error(ProblemCodes.NetworkTooFewSubnets, SettingKeys.SubnetIds, array.ToJsonString(), "must name at least two subnets: EKS requires subnets in at least two availability zones");
            valid = false;
        }

        var ids = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var id = read.StringFrom(array[i], $"{SettingKeys.SubnetIds}[{i}]", required: true);
            if (id is not null && !SubnetId().IsMatch(id))
            {
                read.Error(ProblemCodes.BadFormat, $"{SettingKeys.SubnetIds}[{i}]", id, "is not a subnet id such as subnet-0a1b2c3d4e5f67890");
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
        SupportPolicy? policy = text?.ToLowerInvariant() switch
        {
            null or "standard" => SupportPolicy.Standard,
            "extended" => SupportPolicy.Extended,
            _ => null,
        };
        if (policy is null)
        {
            read.Error(ProblemCodes.BadFormat, SettingKeys.UpgradePolicy, text, "must be standard or extended");
        }

        return policy;
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
