using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Tests.Traffic;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Traffic;

public class WeightedRecordsTests
{
    private static readonly ClusterEndpoint BlueEndpoint = new("k8s-bluegreen-0a1b2c3d4e-1234567890.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2");
    private static readonly ClusterEndpoint GreenEndpoint = new("k8s-bluegreen-5f6a7b8c9d-0987654321.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2");

    private static TrafficStackSettings Settings { get; } = (TrafficStackSettings)StackFile.Load(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "Traffic", "Pulumi.traffic.yaml")).Require();

    [Fact]
    public void Each_color_gets_a_record_with_its_weight_and_its_color_as_set_identifier()
    {
        var records = Plan(Settings, BlueEndpoint, GreenEndpoint).Require().Records;

        Assert.Equal([("blue", 90), ("green", 10)], records.Select(r => (r.SetIdentifier, r.Weight)));
    }

    [Fact]
    public void Each_record_aliases_the_load_balancer_its_own_stack_exposes()
    {
        var records = Plan(Settings, BlueEndpoint, GreenEndpoint).Require().Records.ToDictionary(r => r.Color);

        Assert.Equal((BlueEndpoint.IngressHostname, "acme/infra/blue"), (records[Color.Blue].AliasName, records[Color.Blue].Stack));
        Assert.Equal((GreenEndpoint.IngressHostname, "acme/infra/green"), (records[Color.Green].AliasName, records[Color.Green].Stack));
        Assert.Equal("Z32O12XQLNTSW2", records[Color.Green].AliasZoneId);
    }

    [Fact]
    public void Weight_on_a_stack_without_ingress_output_is_an_error_naming_the_stack_and_the_output()
    {
        var result = Plan(Settings, BlueEndpoint, ClusterEndpoint.None);

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Errors);
        Assert.Equal(SettingKeys.GreenStack, problem.Key);
        Assert.Equal("acme/infra/green", problem.Value);
        Assert.Contains("ingressHostname", problem.Message);
        Assert.Contains("weight is 10", problem.Message);
        Assert.EndsWith("Pulumi.traffic.yaml", problem.File);
    }

    [Fact]
    public void Missing_hosted_zone_id_alone_is_named_as_the_missing_output()
    {
        var result = Plan(Settings, BlueEndpoint, GreenEndpoint with { IngressHostedZoneId = null });

        var problem = Assert.Single(result.Errors);
        Assert.Contains("ingressHostedZoneId", problem.Message);
        Assert.DoesNotContain("ingressHostname", problem.Message);
    }

    [Fact]
    public void Stack_without_ingress_and_without_weight_gets_no_record_and_a_warning()
    {
        var settings = Settings with { Weights = TrafficWeights.AllOn(Color.Blue) };

        var result = Plan(settings, BlueEndpoint, ClusterEndpoint.None);

        Assert.True(result.IsValid);
        Assert.Equal([Color.Blue], result.Require().Records.Select(r => r.Color));
        Assert.Equal(SettingKeys.GreenStack, Assert.Single(result.Warnings).Key);
    }

    [Fact]
    public void Zero_weight_record_is_still_declared_when_its_stack_has_an_entry_point()
    {
        var settings = Settings with { Weights = TrafficWeights.AllOn(Color.Green) };

        var records = Plan(settings, BlueEndpoint, GreenEndpoint).Require().Records;

        Assert.Equal([(Color.Blue, 0), (Color.Green, 100)], records.Select(r => (r.Color, r.Weight)));
    }

    private static BlueGreen.Core.Model.Validated<WeightedRecordSet> Plan(TrafficStackSettings settings, ClusterEndpoint blue, ClusterEndpoint green) =>
        WeightedRecords.Plan(settings, new Dictionary<Color, ClusterEndpoint> { [Color.Blue] = blue, [Color.Green] = green });
}
