using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>Every key this project reads from the <c>infra:</c> config namespace; the README's settings reference mirrors it.</summary>
public static class SettingKeys
{
    public const string Namespace = "infra";

    public const string Color = "infra:color";
    public const string KubernetesVersion = "infra:kubernetesVersion";
    public const string NodeGroups = "infra:nodeGroups";
    public const string Addons = "infra:addons";
    public const string VpcId = "infra:vpcId";
    public const string SubnetIds = "infra:subnetIds";
    public const string VpcCidr = "infra:vpcCidr";
    public const string AvailabilityZones = "infra:availabilityZones";
    public const string UpgradePolicy = "infra:upgradePolicy";
    public const string AccessEntries = "infra:accessEntries";

    public const string HostedZone = "infra:hostedZone";
    public const string RecordName = "infra:recordName";
    public const string Ttl = "infra:ttl";
    public const string BlueStack = "infra:blueStack";
    public const string GreenStack = "infra:greenStack";
    public const string Weights = "infra:weights";
    public const string HealthCheck = "infra:healthCheck";

    public const string BackupRetentionDays = "infra:backupRetentionDays";

    public static readonly IReadOnlyList<string> ClusterKeys =
        [Color, KubernetesVersion, NodeGroups, Addons, VpcId, SubnetIds, VpcCidr, AvailabilityZones, UpgradePolicy, AccessEntries];

    public static readonly IReadOnlyList<string> TrafficKeys =
        [HostedZone, RecordName, Ttl, BlueStack, GreenStack, Weights, HealthCheck];

    /// <summary>The shared stack's keys: what outlives both colors (the backup bucket).</summary>
    public static readonly IReadOnlyList<string> SharedKeys = [BackupRetentionDays];
}
