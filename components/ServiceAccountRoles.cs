using System.Collections.Immutable;
using BlueGreen.Core.Blueprints;
using BlueGreen.Core.Catalog;
using Pulumi;
using Aws = Pulumi.Aws;

namespace BlueGreen.Components;

/// <summary>An IRSA role and the grants attached to it; whatever uses the role waits for the grants.</summary>
internal sealed record GrantedRole(Aws.Iam.Role Role, ImmutableArray<Resource> Grants);

/// <summary>Declares the IAM role of one Kubernetes service account (IRSA), as the core's <see cref="ServiceAccountRole"/> describes it.</summary>
internal static class ServiceAccountRoles
{
    public static GrantedRole Declare(
        string name,
        ServiceAccountRole role,
        OidcIdentity oidc,
        Output<string> clusterName,
        ImmutableDictionary<string, string> tags,
        Resource parent,
        Output<string>? backupBucket = null)
    {
        var child = new CustomResourceOptions { Parent = parent };
        var trust = Output.Tuple(oidc.ProviderArn, oidc.ProviderUrl)
            .Apply(provider => PolicyDocuments.ServiceAccountTrust(provider.Item1, provider.Item2, role));
        var iamRole = new Aws.Iam.Role(name, new Aws.Iam.RoleArgs
        {
            Description = $"IRSA role of {role.Subject}",
            AssumeRolePolicy = trust,
            Tags = tags,
        }, child);

        var grants = role.ManagedPolicyArns
            .Select(arn => (Resource)new Aws.Iam.RolePolicyAttachment($"{name}-{arn.Split('/')[^1]}", new Aws.Iam.RolePolicyAttachmentArgs
            {
                Role = iamRole.Name,
                PolicyArn = arn,
            }, child))
            .ToList();

        if (role.Policy is { } template)
        {
            grants.Add(new Aws.Iam.RolePolicy($"{name}-{template}", new Aws.Iam.RolePolicyArgs
            {
                Role = iamRole.Name,
                Policy = Output.Tuple(clusterName, backupBucket ?? Output.Create(""))
                    .Apply(runtime => PolicyDocuments.Render(template, runtime.Item1, backupBucket is null ? null : runtime.Item2)),
            }, child));
        }

        return new GrantedRole(iamRole, [.. grants]);
    }
}

/// <summary>The cluster's IAM OIDC provider, which IRSA trust policies name.</summary>
public sealed record OidcIdentity(Output<string> ProviderArn, Output<string> ProviderUrl);
