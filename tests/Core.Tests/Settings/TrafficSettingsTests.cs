using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

public class TrafficSettingsTests
{
    [Fact]
    public void Traffic_stack_file_parses_into_traffic_settings()
    {
        var traffic = Assert.IsType<TrafficStackSettings>(SettingsFixtures.Load("valid/Pulumi.traffic.yaml").Require());

        Assert.Equal("platform.example.com", traffic.HostedZone.Value);
        Assert.Equal("shop.platform.example.com", traffic.RecordName.Value);
        Assert.Equal(60, traffic.Ttl);
        Assert.Equal(("acme/infra/blue", "acme/infra/green"), (traffic.BlueStack, traffic.GreenStack));
        Assert.Equal(TrafficWeights.AllOn(BlueGreen.Core.Model.Color.Blue), traffic.Weights);
        Assert.Equal(
            new HealthCheckSettings { Path = "/healthz", Port = 443, Protocol = HealthCheckProtocol.Https, IntervalSeconds = 10, FailureThreshold = 3 },
            traffic.HealthCheck);
    }

    [Fact]
    public void Every_problem_in_a_traffic_file_is_reported_at_once()
    {
        var result = SettingsFixtures.Load("invalid-traffic/Pulumi.traffic.yaml");

        Assert.Equal(
            ["infra:greenStack", "infra:healthCheck.interval", "infra:healthCheck.path", "infra:recordName", "infra:weights"],
            result.Errors.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Both_weights_zero_is_rejected_because_route53_would_split_traffic_equally()
    {
        var problem = SettingsFixtures.Load("invalid-traffic/Pulumi.traffic.yaml").SingleError("infra:weights");

        Assert.Contains("splits traffic equally", problem.Message);
    }

    [Fact]
    public void Blue_and_green_pointing_at_the_same_stack_is_rejected()
    {
        var problem = SettingsFixtures.Load("invalid-traffic/Pulumi.traffic.yaml").SingleError("infra:greenStack");

        Assert.Equal("acme/infra/blue", problem.Value);
    }

    [Fact]
    public void Record_outside_the_hosted_zone_is_rejected()
    {
        var problem = SettingsFixtures.Load("invalid-traffic/Pulumi.traffic.yaml").SingleError("infra:recordName");

        Assert.Equal("shop.other.example.org.", problem.Value);
        Assert.Equal(ProblemCodes.RecordOutsideZone, problem.Code);
    }

    [Fact]
    public void Health_check_interval_other_than_10_or_30_is_rejected()
    {
        var problem = SettingsFixtures.Load("invalid-traffic/Pulumi.traffic.yaml").SingleError("infra:healthCheck.interval");

        Assert.Equal("15", problem.Value);
    }

    [Theory]
    [InlineData("{\"blue\":256,\"green\":0}", "infra:weights.blue")]
    [InlineData("{\"blue\":100,\"green\":-1}", "infra:weights.green")]
    [InlineData("{\"blue\":100}", "infra:weights.green")]
    public void Weight_outside_0_to_255_or_missing_is_rejected(string weights, string key)
    {
        var result = SettingsFixtures.Parse("traffic", TrafficConfig(("infra:weights", weights)));

        Assert.Contains("0 to 255", result.SingleError(key).Message);
    }

    [Fact]
    public void Stack_reference_that_is_not_fully_qualified_is_rejected()
    {
        var result = SettingsFixtures.Parse("traffic", TrafficConfig(("infra:blueStack", "blue")));

        Assert.Contains("organization/project/stack", result.SingleError("infra:blueStack").Message);
    }

    [Fact]
    public void Health_check_defaults_to_https_on_443_every_30_seconds()
    {
        var traffic = (TrafficStackSettings)SettingsFixtures.Parse("traffic", TrafficConfig(("infra:healthCheck", """{"path":"/ready"}"""))).Require();

        Assert.Equal((HealthCheckProtocol.Https, 443, 30, 3),
            (traffic.HealthCheck.Protocol, traffic.HealthCheck.Port, traffic.HealthCheck.IntervalSeconds, traffic.HealthCheck.FailureThreshold));
    }

    [Fact]
    public void Cluster_setting_in_the_traffic_stack_is_a_warning()
    {
        var result = SettingsFixtures.Parse("traffic", TrafficConfig(("infra:kubernetesVersion", "1.35")));

        Assert.True(result.IsValid);
        Assert.Contains("not used by the traffic stack", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public void Stack_with_neither_cluster_nor_traffic_settings_is_rejected()
    {
        var result = SettingsFixtures.Parse("blue", new Dictionary<string, string> { ["aws:region"] = "eu-west-1" });

        Assert.Contains("a traffic stack sets", result.SingleError("infra:color").Message);
    }

    private static Dictionary<string, string> TrafficConfig(params (string Key, string Value)[] overrides)
    {
        var config = new Dictionary<string, string>
        {
            ["infra:hostedZone"] = "platform.example.com",
            ["infra:recordName"] = "shop.platform.example.com",
            ["infra:ttl"] = "60",
            ["infra:blueStack"] = "acme/infra/blue",
            ["infra:greenStack"] = "acme/infra/green",
            ["infra:weights"] = """{"blue":100,"green":0}""",
            ["infra:healthCheck"] = """{"path":"/healthz","port":443,"protocol":"HTTPS","interval":10,"failureThreshold":3}""",
        };
        foreach (var (key, value) in overrides)
        {
            config[key] = value;
        }

        return config;
    }
}

public class RecordNameTests
{
    private static Validated<StackSettings> Parse(string recordName, string zone = "platform.example.com") =>
        SettingsFixtures.Parse("traffic", new Dictionary<string, string>
        {
            ["infra:hostedZone"] = zone,
            ["infra:recordName"] = recordName,
            ["infra:ttl"] = "60",
            ["infra:blueStack"] = "acme/infra/blue",
            ["infra:greenStack"] = "acme/infra/green",
            ["infra:weights"] = """{"blue":100,"green":0}""",
            ["infra:healthCheck"] = """{"path":"/healthz"}""",
        });

    [Theory]
    [InlineData("shop", "platform.example.com", "shop.platform.example.com")]
    [InlineData("shop.platform.example.com", "platform.example.com", "shop.platform.example.com")]
    [InlineData("shop.platform.example.com.", "platform.example.com", "shop.platform.example.com")]
    [InlineData("Shop.Platform.Example.com", "platform.example.com", "shop.platform.example.com")]
    [InlineData("*.shop.platform.example.com", "platform.example.com", "*.shop.platform.example.com")]
    [InlineData("*", "platform.example.com", "*.platform.example.com")]
    [InlineData("platform.example.com.", "platform.example.com", "platform.example.com")]
    [InlineData("shop", "example.xn--p1ai", "shop.example.xn--p1ai")]
    [InlineData("xn--80ak6aa92e.example.com", "example.com.", "xn--80ak6aa92e.example.com")]
    public void Record_names_are_read_as_route53_takes_them(string recordName, string zone, string expected)
    {
        var traffic = Assert.IsType<TrafficStackSettings>(Parse(recordName, zone).Require());

        Assert.Equal(expected, traffic.RecordName.Value);
    }

    [Theory]
    [InlineData("shop..example.com")]
    [InlineData("shop_1")]
    [InlineData("shop.*.platform.example.com")]
    [InlineData("-shop")]
    [InlineData("shop.other.example.org.")]
    public void Record_names_route53_would_not_serve_in_the_zone_are_rejected(string recordName)
    {
        var problem = Parse(recordName).SingleError("infra:recordName");

        Assert.Contains(problem.Code, new[] { ProblemCodes.BadFormat, ProblemCodes.RecordOutsideZone });
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("example")]
    public void Hosted_zones_that_are_not_dns_zone_names_are_rejected(string zone)
    {
        Assert.Equal(ProblemCodes.BadFormat, Parse("shop", zone).SingleError("infra:hostedZone").Code);
    }
}
