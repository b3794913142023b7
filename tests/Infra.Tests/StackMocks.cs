using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Infra.Tests;

/// <summary>
/// The cloud, as far as the program can see it: every resource comes back with its inputs plus the outputs the
/// program reads (ids, ARNs, the cluster's kubeconfig and OIDC provider, the Ingress's load balancer), and every
/// look-up answers as AWS would for eu-west-1. Registrations are recorded for the tests to inspect.
/// </summary>
internal sealed class StackMocks(IReadOnlyDictionary<string, ImmutableDictionary<string, object>>? stackOutputs = null) : IMocks
{
    public const string Region = "eu-west-1";
    public const string RandomSuffix = "k3x9q2";
    public const string Kubeconfig = """{"apiVersion":"v1","kind":"Config","clusters":[{"name":"kubernetes"}]}""";
    public const string OidcProviderUrl = "https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F";
    public const string OidcProviderArn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F";
    public const string Endpoint = "https://0A1B2C3D4E5F.gr7.eu-west-1.eks.amazonaws.com";
    public const string IngressHostname = "k8s-bluegreen-0a1b2c3d4e-1234567890.eu-west-1.elb.amazonaws.com";
    public const string LoadBalancerZoneId = "Z32O12XQLNTSW2";
    public const string HostedZoneId = "Z0123456789ABCDEFGHIJ";

    /// <summary>The shared stack the cluster stacks read, as <c>StackRun.Options</c> names it, and its bucket.</summary>
    public const string SharedStack = "organization/infra/shared";
    public const string BackupBucket = "backups-4f2a9c1";

    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();
    private readonly ConcurrentQueue<MockCallArgs> _calls = new();

    /// <summary>The region's available zones, as <c>getAvailabilityZones</c> answers them; a test may drift them.</summary>
    public ImmutableArray<string> AvailableZones { get; init; } = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

    /// <summary>The hostnames the entry Ingress's status lists; empty for an Ingress the controller gave no load balancer.</summary>
    public ImmutableArray<string> IngressHostnames { get; init; } = [IngressHostname];

    /// <summary>The outputs of referenced stacks stored as secrets, by output name.</summary>
    public ImmutableHashSet<string> SecretOutputs { get; init; } = [];

    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    public IReadOnlyList<MockCallArgs> Calls => [.. _calls];

    public IEnumerable<MockResourceArgs> OfType(string type) => Registered.Where(r => r.Type == type);

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        _registered.Enqueue(args);
        var state = args.Inputs.ToBuilder();
        state.TryAdd("arn", $"arn:aws:mock::123456789012:{args.Type}/{args.Name}");
        switch (args.Type)
        {
            case "pulumi:pulumi:StackReference":
                var stackName = (string)args.Inputs["name"];
                // As pulumi-dotnet's own StackReference tests do: a secret output is a secret value, and is named in secretOutputNames.
                var outputs = stackOutputs?.GetValueOrDefault(stackName)
                    ?? (stackName == SharedStack ? ImmutableDictionary<string, object>.Empty.Add("backupBucket", BackupBucket) : ImmutableDictionary<string, object>.Empty);
                state["outputs"] = outputs.ToImmutableDictionary(
                    output => output.Key,
                    output => SecretOutputs.Contains(output.Key) ? Output.CreateSecret(output.Value) : output.Value);
                state["secretOutputNames"] = outputs.Keys.Where(SecretOutputs.Contains).Order(StringComparer.Ordinal).Cast<object>().ToImmutableArray();
                return Task.FromResult<(string?, object)>((stackName, state.ToImmutable()));
            case "random:index/randomString:RandomString":
                state["result"] = RandomSuffix;
                break;
            case "eks:index:Cluster":
                state["kubeconfigJson"] = Kubeconfig;
                state["oidcProviderArn"] = OidcProviderArn;
                state["oidcProviderUrl"] = OidcProviderUrl;
                state["core"] = ImmutableDictionary<string, object>.Empty.Add("endpoint", Endpoint);
                break;
            case "kubernetes:networking.k8s.io/v1:Ingress":
                state["status"] = ImmutableDictionary<string, object>.Empty.Add("loadBalancer",
                    ImmutableDictionary<string, object>.Empty.Add("ingress", IngressHostnames
                        .Select(hostname => (object)ImmutableDictionary<string, object>.Empty.Add("hostname", hostname))
                        .ToImmutableArray()));
                break;
        }

        state.TryAdd("name", args.Name ?? "");
        return Task.FromResult<(string?, object)>(($"{args.Name}-id", state.ToImmutable()));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        _calls.Enqueue(args);
        object result = args.Token switch
        {
            "aws:index/getRegion:getRegion" => ImmutableDictionary<string, object>.Empty.Add("region", Region).Add("name", Region),
            "aws:index/getAvailabilityZones:getAvailabilityZones" => ImmutableDictionary<string, object>.Empty
                .Add("names", AvailableZones.Cast<object>().ToImmutableArray()),
            "aws:lb/getLoadBalancer:getLoadBalancer" => ImmutableDictionary<string, object>.Empty
                .Add("dnsName", IngressHostname).Add("zoneId", LoadBalancerZoneId),
            "aws:route53/getZone:getZone" => ImmutableDictionary<string, object>.Empty
                .Add("zoneId", HostedZoneId).Add("name", args.Args["name"]),
            _ => args.Args,
        };
        return Task.FromResult(result);
    }
}
