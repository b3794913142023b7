using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>The traffic stack's settings: where the name lives, which cluster stacks it points at, and with what weights.</summary>
internal static partial class TrafficSettingsParser
{
    private static readonly string[] WeightFields = ["blue", "green"];
    private static readonly string[] HealthCheckFields = ["path", "port", "protocol", "interval", "failureThreshold"];

    public static TrafficStackSettings? Parse(StackConfig config, ConfigReader read)
    {
        var zone = ParseZone(read);
        var record = ParseRecordName(zone, read);

        var ttl = read.Int(SettingKeys.Ttl, required: true, 1, 86400, "60");
        var blue = ParseStackName(SettingKeys.BlueStack, Color.Blue, read);
        var green = ParseStackName(SettingKeys.GreenStack, Color.Green, read);
        if (blue is not null && blue == green)
        {
            read.Error(ProblemCodes.SameStack, SettingKeys.GreenStack, green, $"is the same stack as {SettingKeys.BlueStack}: blue and green must be two clusters, or a cutover would move traffic nowhere");
            green = null;
        }

        var weights = ParseWeights(read);
        var healthCheck = ParseHealthCheck(read);

        if (zone is null || record is null || ttl is null || blue is null || green is null || weights is null || healthCheck is null)
        {
            return null;
        }

        return new TrafficStackSettings
        {
            Source = config,
            HostedZone = zone,
            RecordName = record,
            Ttl = ttl.Value,
            BlueStack = blue,
            GreenStack = green,
            Weights = weights,
            HealthCheck = healthCheck,
        };
    }

    private static HostedZoneName? ParseZone(ConfigReader read)
    {
        var text = read.String(SettingKeys.HostedZone, required: true, "example.com");
        if (text is null)
        {
            return null;
        }

        if (!HostedZoneName.TryParse(text, out var zone, out var error))
        {
            read.Error(error.Code, SettingKeys.HostedZone, text, error.Message);
        }

        return zone;
    }

    /// <param name="zone">The zone, null when it is invalid: then only the name's own form is checked.</param>
    private static RecordName? ParseRecordName(HostedZoneName? zone, ConfigReader read)
    {
        var text = read.String(SettingKeys.RecordName, required: true, "app");
        if (text is null)
        {
            return null;
        }

        if (!RecordName.TryParse(text, zone, out var record, out var error) && error is { } problem)
        {
            read.Error(problem.Code, SettingKeys.RecordName, text, problem.Message);
        }

        return record;
    }

    private static string? ParseStackName(string key, Color color, ConfigReader read)
    {
        var text = read.String(key, required: true, $"acme/infra/{color.Key()}");
        if (text is null)
        {
            return null;
        }

        if (!QualifiedStackName().IsMatch(text))
        {
            read.Error(ProblemCodes.BadFormat, key, text, $"must be a fully qualified stack name, organization/project/stack (for example acme/infra/{color.Key()}), so the reference does not depend on who runs it");
            return null;
        }

        if (!text.Split('/')[^1].Contains(color.Key(), StringComparison.OrdinalIgnoreCase))
        {
            read.Warning(ProblemCodes.StackColorName, key, text, $"does not mention {color.Key()} in its stack name; check that the {color.Key()} record points at the {color.Key()} cluster");
        }

        return text;
    }

    private static TrafficWeights? ParseWeights(ConfigReader read)
    {
        var node = read.Json(SettingKeys.Weights, required: true, "{blue: 100, green: 0}");
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            read.Error(ProblemCodes.WrongType, SettingKeys.Weights, ConfigReader.Show(node), "must be a map {blue: N, green: M}");
            return null;
        }

        read.WarnUnknownFields(obj, SettingKeys.Weights, WeightFields);
        var blue = read.IntFrom(obj["blue"], $"{SettingKeys.Weights}.blue", 0, TrafficWeights.MaxWeight);
        var green = read.IntFrom(obj["green"], $"{SettingKeys.Weights}.green", 0, TrafficWeights.MaxWeight);
        if (blue is null || green is null)
        {
            return null;
        }

        var weights = TrafficWeights.Create(blue.Value, green.Value);
        foreach (var problem in weights.Problems)
        {
            read.Error(problem.Code, SettingKeys.Weights, obj.ToJsonString(), problem.Message);
        }

        return weights.Value;
    }

    private static HealthCheckSettings? ParseHealthCheck(ConfigReader read)
    {
        const string key = SettingKeys.HealthCheck;
        var node = read.Json(key, required: true, "{path: /healthz, port: 443, protocol: HTTPS, interval: 30, failureThreshold: 3}");
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            read.Error(ProblemCodes.WrongType, key, ConfigReader.Show(node), "must be a map with path, port, protocol, interval and failureThreshold");
            return null;
        }

        read.WarnUnknownFields(obj, key, HealthCheckFields);
        var path = read.StringFrom(obj["path"], $"{key}.path", required: true);
        if (path is not null && !path.StartsWith('/'))
        {
            read.Error(ProblemCodes.BadFormat, $"{key}.path", path, "must start with / (for example /healthz)");
            path = null;
        }

        var port = obj["port"] is null ? 443 : read.IntFrom(obj["port"], $"{key}.port", 1, 65535);
        var protocol = ParseProtocol(obj["protocol"], $"{key}.protocol", read);
        var interval = obj["interval"] is null ? 30 : read.IntFrom(obj["interval"], $"{key}.interval", 10, 30);
        if (interval is not null and not (10 or 30))
        {
            read.Error(ProblemCodes.OutOfRange, $"{key}.interval", interval.ToString(), "must be 10 or 30: the only request intervals Route53 health checks accept");
            interval = null;
        }

        var threshold = obj["failureThreshold"] is null ? 3 : read.IntFrom(obj["failureThreshold"], $"{key}.failureThreshold", 1, 10);
        if (path is null || port is null || protocol is null || interval is null || threshold is null)
        {
            return null;
        }

        return new HealthCheckSettings
        {
            Path = path,
            Port = port.Value,
            Protocol = protocol.Value,
            IntervalSeconds = interval.Value,
            FailureThreshold = threshold.Value,
        };
    }

    private static HealthCheckProtocol? ParseProtocol(JsonNode? node, string key, ConfigReader read)
    {
        if (node is null)
        {
            return HealthCheckProtocol.Https;
        }

        var text = read.StringFrom(node, key, required: true);
        switch (text?.ToUpperInvariant())
        {
            case null:
                return null;
            case "HTTPS":
                return HealthCheckProtocol.Https;
            case "HTTP":
                return HealthCheckProtocol.Http;
            default:
                read.Error(ProblemCodes.BadFormat, key, text, "must be HTTPS or HTTP");
                return null;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*/[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    private static partial Regex QualifiedStackName();
}
