using System.Collections.Immutable;
using System.Text.Json.Nodes;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Blueprints;

/// <summary>
/// The cluster's one public entry point: an Ingress that makes the AWS Load Balancer Controller create an internet-facing
/// ALB for the IngressGroup <see cref="GroupName"/>. Applications join that group with their own Ingresses, so one ALB
/// (whose hostname and hosted zone id the traffic stack aliases) serves them all. Until an application claims a path,
/// the ALB answers 404, which keeps the color's health check failing until it really serves.
/// </summary>
public sealed record IngressBlueprint
{
    /// <summary>Applications set <c>alb.ingress.kubernetes.io/group.name</c> to this to share the entry ALB.</summary>
    public const string GroupName = "bluegreen";

    /// <summary>The Kubernetes API the entry object is declared with; checked against the deprecated-API table.</summary>
    public const string ApiVersion = "networking.k8s.io/v1";

    public const string Kind = "Ingress";

    /// <summary>The IngressClass the aws-load-balancer-controller chart creates by default.</summary>
    public const string IngressClassName = "alb";

    /// <summary>The action name the default backend refers to; the controller reads the action from the annotation.</summary>
    public const string DefaultActionName = "default-response";

    /// <summary>The port name by which an Ingress backend refers to an action annotation instead of a Service.</summary>
    public const string UseAnnotationPort = "use-annotation";

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required ImmutableSortedDictionary<string, string> Annotations { get; init; }

    /// <summary>The AWS tags the controller puts on the ALB of this group, by which the Pulumi layer finds it.</summary>
    public ImmutableSortedDictionary<string, string> LoadBalancerTags(string clusterName) =>
        ImmutableSortedDictionary<string, string>.Empty
            .Add("elbv2.k8s.aws/cluster", clusterName)
            .Add("ingress.k8s.aws/stack", GroupName);

    /// <summary>
    /// The entry load balancer's hostname from the Ingress status (<c>status.loadBalancer.ingress[].hostname</c>), or why
    /// there is none: an Ingress the controller has not given a load balancer has no entry the traffic stack can alias.
    /// </summary>
    public Validated<string> EntryHostname(IEnumerable<string?> statusHostnames)
    {
        var hostname = statusHostnames.FirstOrDefault(h => !string.IsNullOrWhiteSpace(h));
        return hostname is not null
            ? Validated<string>.Valid(hostname)
            : Validated<string>.Invalid(
            [
                Problem.Error(ProblemCodes.NoEndpoint, $"{Namespace}/{Name}", null,
                    "the entry Ingress has no load balancer hostname in its status: the AWS Load Balancer Controller did not "
                    + $"create its ALB (see kubectl describe ingress -n {Namespace} {Name} and the controller's logs)"),
            ]);
    }

    // Annotation names from kubernetes-sigs/aws-load-balancer-controller docs/guide/ingress/annotations.md.
    internal static IngressBlueprint Default { get; } = new()
    {
        Name = "bluegreen-entry",
        Namespace = "kube-system",
        Annotations = ImmutableSortedDictionary<string, string>.Empty
            .Add("alb.ingress.kubernetes.io/group.name", GroupName)
            .Add("alb.ingress.kubernetes.io/scheme", "internet-facing")
            .Add("alb.ingress.kubernetes.io/listen-ports", new JsonArray(new JsonObject { ["HTTP"] = 80 }).ToJsonString())
            .Add($"alb.ingress.kubernetes.io/actions.{DefaultActionName}", new JsonObject
            {
                ["type"] = "fixed-response",
                ["fixedResponseConfig"] = new JsonObject
                {
                    ["contentType"] = "text/plain",
                    ["statusCode"] = "404",
                    ["messageBody"] = "No application serves this path on this cluster yet.",
                },
            }.ToJsonString()),
    };
}
