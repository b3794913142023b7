using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// <c>infra:accessEntries</c>: the IAM principals admitted to a cluster, as EKS access entries allow them
/// (https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html).
/// </summary>
internal static partial class AccessEntrySettingsParser
{
    private const string Example = "[{principalArn: arn:aws:iam::123456789012:role/app-deploy, access: edit, namespaces: [shop]}]";

    private static readonly string[] Fields = ["principalArn", "access", "namespaces"];

    public static ImmutableArray<AccessEntrySettings>? Parse(ConfigReader read)
    {
        var node = read.Json(SettingKeys.AccessEntries, required: false, Example);
        if (node is null)
        {
            // Missing, blank or null admits no one else; text that is not JSON has been reported.
            return read.HasError(SettingKeys.AccessEntries) ? null : [];
        }

        if (node is not JsonArray array)
        {
            read.Error(ProblemCodes.WrongType, SettingKeys.AccessEntries, ConfigReader.Show(node), $"must be a list of access entries (for example {SettingKeys.AccessEntries}: {Example})");
            return null;
        }

        var entries = new List<AccessEntrySettings>();
        var firstIndexOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            var key = $"{SettingKeys.AccessEntries}[{i}]";
            var entry = ParseEntry(array[i], key, read);
            if (entry is null)
            {
                valid = false;
                continue;
            }

            if (!firstIndexOf.TryAdd(entry.PrincipalId, i))
            {
                read.Error(ProblemCodes.AccessDuplicatePrincipal, $"{key}.principalArn", entry.PrincipalArn.Value,
                    $"names the same IAM principal as {SettingKeys.AccessEntries}[{firstIndexOf[entry.PrincipalId]}]: EKS admits a principal through one access entry only (IAM names are unique in an account, whatever their path or case)");
                valid = false;
            }

            entries.Add(entry);
        }

        return valid ? [.. entries] : null;
    }

    private static AccessEntrySettings? ParseEntry(JsonNode? node, string key, ConfigReader read)
    {
        if (node is not JsonObject obj)
        {
            read.Error(ProblemCodes.WrongType, key, node is null ? null : ConfigReader.Show(node), "must be an object with principalArn and access, and namespaces to limit the access");
            return null;
        }

        read.WarnUnknownFields(obj, key, Fields);
        var principalArn = ParsePrincipalArn(read.StringFrom(obj["principalArn"], $"{key}.principalArn", required: true), $"{key}.principalArn", read);
        var access = ParseAccess(read.StringFrom(obj["access"], $"{key}.access", required: true), $"{key}.access", read);
        var namespaces = ParseNamespaces(obj["namespaces"], $"{key}.namespaces", access, read);

        return principalArn is null || access is null || namespaces is null
            ? null
            : new AccessEntrySettings { PrincipalArn = principalArn, Access = access.Value, Namespaces = namespaces.Value };
    }

    private static IamPrincipalArn? ParsePrincipalArn(string? text, string key, ConfigReader read)
    {
        if (text is null)
        {
            return null;
        }

        if (!IamPrincipalArn.TryParse(text, out var arn, out var error))
        {
            read.Error(error.Code, key, text, error.Message);
        }

        return arn;
    }

    private static ClusterAccess? ParseAccess(string? text, string key, ConfigReader read)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "cluster-admin":
                return ClusterAccess.ClusterAdmin;
            case "admin":
                return ClusterAccess.Admin;
            case "edit":
                return ClusterAccess.Edit;
            case "view":
                return ClusterAccess.View;
            default:
                read.Error(ProblemCodes.BadFormat, key, text, "must be cluster-admin, admin, edit or view");
                return null;
        }
    }

    /// <param name="access">Null when the access itself is invalid: the namespaces are still checked.</param>
    private static ImmutableArray<string>? ParseNamespaces(JsonNode? node, string key, ClusterAccess? access, ConfigReader read)
    {
        if (node is null)
        {
            return [];
        }

        if (access == ClusterAccess.ClusterAdmin)
        {
            read.Error(ProblemCodes.AccessClusterAdminScoped, key, ConfigReader.Show(node), "cannot limit cluster-admin, which applies to the whole cluster: for administration of some namespaces use access: admin");
            return null;
        }

        // An empty list would mean the whole cluster, the opposite of what writing a list of namespaces suggests.
        if (node is not JsonArray array || array.Count == 0)
        {
            read.Error(ProblemCodes.WrongType, key, ConfigReader.Show(node), "must be a non-empty list of Kubernetes namespaces such as [shop]; leave it out for access to the whole cluster");
            return null;
        }

        var namespaces = new List<string>();
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            var name = read.StringFrom(array[i], $"{key}[{i}]", required: true);
            if (name is not null && !Namespace().IsMatch(name))
            {
                read.Error(ProblemCodes.BadFormat, $"{key}[{i}]", name, "is not a Kubernetes namespace name: 1-63 lower-case letters, digits and '-' (EKS also accepts '*' as a wildcard, as in dev-*)");
                name = null;
            }

            if (name is null)
            {
                valid = false;
                continue;
            }

            namespaces.Add(name);
        }

        return valid ? [.. namespaces] : null;
    }

    [GeneratedRegex(@"^(?=.{1,63}$)[a-z0-9*](?:[a-z0-9*\-]*[a-z0-9*])?$")]
    private static partial Regex Namespace();
}
