using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Tests.Cutover;

public class HttpProbeTests
{
    [Fact]
    public async Task A_probe_records_the_status_the_endpoint_answered_with()
    {
        await using var server = await ColorServer.StartAsync();
        server.Failing = () => true;
        using var client = HttpProbe.CreateClient();

        var sample = await Probe(client, server, TimeSpan.FromSeconds(5));

        Assert.Equal((Color.Green, 503, null), (sample.Color, sample.StatusCode, sample.Error));
    }

    [Fact]
    public async Task A_probe_that_gets_no_answer_within_its_timeout_is_a_failed_sample()
    {
        await using var server = await ColorServer.StartAsync();
        server.Hanging = () => true;
        using var client = HttpProbe.CreateClient();

        var sample = await Probe(client, server, TimeSpan.FromMilliseconds(100));

        Assert.Null(sample.StatusCode);
        Assert.Equal("no answer within 100ms", sample.Error);
    }

    [Fact]
    public async Task A_probe_of_an_endpoint_that_refuses_connections_is_a_failed_sample()
    {
        using var client = HttpProbe.CreateClient();
        var endpoint = new ProbeEndpoint(Color.Green, new Uri("http://127.0.0.1:1/healthz"), null);

        var sample = await new HttpProbe(client, endpoint, TimeSpan.FromSeconds(5), TimeProvider.System).ProbeAsync(CancellationToken.None);

        Assert.Null(sample.StatusCode);
        Assert.StartsWith("connection failed", sample.Error);
    }

    private static Task<ProbeSample> Probe(HttpClient client, ColorServer server, TimeSpan timeout) =>
        new HttpProbe(client, new ProbeEndpoint(Color.Green, new Uri(server.HealthUrl), null), timeout, TimeProvider.System).ProbeAsync(CancellationToken.None);
}
