using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Tests.Cutover;

public class EndpointTests
{
    [Fact]
    public async Task A_color_is_probed_at_its_stack_ingress_hostname_the_way_the_Route53_health_check_probes_it()
    {
        using var fake = new FakePulumi();
        fake.SetOutputs("acme/infra/green", """{"ingressHostname": "k8s-green-1234.elb.eu-west-1.amazonaws.com", "kubeconfig": "[secret]"}""");
        var traffic = TrafficStackFile.Load(fake.StackFile, TimeProvider.System).Require();

        var outputs = await new StackOutputReader(fake.Services.Processes, fake.Root).ReadAsync("acme/infra/green", CancellationToken.None);
        var endpoint = Endpoints.FromOutputs(Color.Green, traffic, outputs.Require()).Require();

        Assert.Equal(new Uri("https://k8s-green-1234.elb.eu-west-1.amazonaws.com/healthz"), endpoint.Url);
        Assert.Equal("shop.platform.example.com", endpoint.HostHeader);
    }

    [Fact]
    public void Endpoint_options_name_their_color()
    {
        var endpoints = Endpoints.Parse(["green=https://green.example.com/healthz", "blue=http://127.0.0.1:8080/"]).Require();

        Assert.Equal(new Uri("https://green.example.com/healthz"), endpoints[Color.Green].Url);
        Assert.Null(endpoints[Color.Green].HostHeader);
    }

    [Fact]
    public void Endpoint_options_without_a_known_color_or_given_twice_are_each_rejected()
    {
        var problems = Endpoints.Parse(["https://x.example.com", "green=https://a.example.com", "green=https://b.example.com"]).Errors.ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains("must be color=url with color blue or green", problems[0].Message);
        Assert.Contains("green is given twice", problems[1].Message);
    }
}
