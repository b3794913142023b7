using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// The ARN of an IAM role or user that EKS access entries accept (a role may carry a path; service-linked roles are
/// refused). Only <see cref="TryParse"/> builds one, so <see cref="Id"/> always has its parts.
/// </summary>
public sealed partial record IamPrincipalArn
{
    private IamPrincipalArn(string value, string id) => (Value, Id) = (value, id);

    /// <summary>The ARN as written (<c>arn:aws:iam::123456789012:role/platform/app-deploy</c>).</summary>
    public string Value { get; }

    /// <summary>
    /// What identifies the principal whatever the ARN's path (<c>123456789012-role-app-deploy</c>). IAM names are unique
    /// within an account and not distinguished by case, so compare ids ignoring case.
    /// </summary>
    public string Id { get; }

    /// <param name="error">The problem's code and message when <paramref name="text"/> is not such an ARN.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out IamPrincipalArn? arn, out (string Code, string Message) error)
    {
        arn = null;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = (ProblemCodes.BadFormat,
                "is not the ARN of an IAM role or user, such as arn:aws:iam::123456789012:role/app-deploy or arn:aws:iam::123456789012:user/alice (for an assumed-role session, give the role's own ARN)");
            return false;
        }

        var kind = match.Groups["kind"].Value;
        if (kind == "role" && match.Groups["path"].Value.StartsWith("aws-service-role/", StringComparison.Ordinal))
        {
            error = (ProblemCodes.AccessServiceLinkedRole, "is a service-linked role, which EKS access entries do not accept");
            return false;
        }

        (arn, error) = (new IamPrincipalArn(text, $"{match.Groups["account"].Value}-{kind}-{match.Groups["name"].Value}"), default);
        return true;
    }

    public override string ToString() => Value;

    // IAM names: letters, digits and _+=,.@- (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html);
    // roles may carry a path, which access entries accept.
    [GeneratedRegex(@"^arn:aws:iam::(?<account>\d{12}):(?<kind>role|user)/(?<path>(?:[A-Za-z0-9_+=,.@\-]+/)*)(?<name>[A-Za-z0-9_+=,.@\-]{1,64})$")]
    private static partial Regex Pattern();
}
