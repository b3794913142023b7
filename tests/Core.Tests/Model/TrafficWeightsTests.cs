using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Core.Tests.Model;

public class TrafficWeightsTests
{
    [Theory]
    [InlineData(100, 0)]
    [InlineData(0, 255)]
    [InlineData(1, 1)]
    public void Weights_route53_can_serve_are_created(int blue, int green)
    {
        var weights = TrafficWeights.Create(blue, green);

        Assert.True(weights.IsValid);
        Assert.Equal((blue, green), (weights.Require().Blue, weights.Require().Green));
    }

    [Fact]
    public void Both_weights_0_are_refused_because_route53_would_split_traffic_equally()
    {
        var problem = Assert.Single(TrafficWeights.Create(0, 0).Errors);

        Assert.Equal(ProblemCodes.WeightsAllZero, problem.Code);
    }

    [Theory]
    [InlineData(-1, 100)]
    [InlineData(100, 256)]
    public void Weights_outside_0_to_255_are_refused(int blue, int green)
    {
        var problem = Assert.Single(TrafficWeights.Create(blue, green).Errors);

        Assert.Equal(ProblemCodes.WeightOutOfRange, problem.Code);
    }

    [Fact]
    public void Weights_read_from_a_stack_may_be_0_0_and_say_they_cannot_be_served()
    {
        var observed = new ObservedWeights(0, 0);

        var problem = Assert.Single(observed.Verdict.Errors);
        Assert.Equal((ProblemCodes.WeightsAllZero, SettingKeys.Weights), (problem.Code, problem.Key));
        Assert.Equal(0.5, observed.ShareOf(Color.Blue));
        Assert.False(observed.IsAllOn(Color.Blue));
    }

    [Fact]
    public void The_stack_file_parser_refuses_0_0_through_the_same_factory()
    {
        var config = StackFile.Read("Pulumi.traffic.yaml", """
            config:
              infra:hostedZone: platform.example.com
              infra:recordName: shop.platform.example.com
              infra:ttl: "60"
              infra:blueStack: acme/infra/blue
              infra:greenStack: acme/infra/green
              infra:weights: {blue: 0, green: 0}
              infra:healthCheck: {path: /healthz, port: 443, protocol: HTTPS, interval: 10, failureThreshold: 3}
            """).Require();

        var settings = StackSettingsParser.Parse(config);

        var problem = Assert.Single(settings.Errors);
        Assert.Equal((ProblemCodes.WeightsAllZero, SettingKeys.Weights), (problem.Code, problem.Key));
    }
}
