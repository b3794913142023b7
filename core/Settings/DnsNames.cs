using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// The name of a Route53 hosted zone (<c>platform.example.com</c>), lower case, without the final dot; punycode labels
/// (<c>xn--p1ai</c>) for internationalised names. Only <see cref="TryParse"/> builds one.
/// </summary>
public sealed partial record HostedZoneName
{
    private HostedZoneName(string value) => Value = value;

    public string Value { get; }

    /// <param name="error">The problem's code and message when <paramref name="text"/> is not a zone name.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out HostedZoneName? zone, out (string Code, string Message) error)
    {
        var name = text.TrimEnd('.').ToLowerInvariant();
        zone = DomainName().IsMatch(name) ? new HostedZoneName(name) : null;
        error = zone is null
            ? (ProblemCodes.BadFormat, "is not a DNS zone name such as example.com: labels of letters, digits and '-' (internationalised names in their xn-- form)")
            : default;
        return zone is not null;
    }

    public override string ToString() => Value;

    // Labels of letters, digits and '-' (punycode "xn--" labels included); a last label that is not all digits keeps IP addresses out.
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?\.)+(?![0-9]+$)[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?$")]
    private static partial Regex DomainName();
}

/// <summary>
/// The fully qualified name a weighted record serves, read as the AWS provider reads it: a name ending in a dot is fully
/// qualified; one without is fully qualified when it ends in the zone's name and relative to the zone otherwise (<c>app</c>
/// in <c>example.com</c> is <c>app.example.com</c>). A leading <c>*</c> label makes a wildcard record. Only
/// <see cref="TryParse"/> builds one, so it is always inside its zone and a valid DNS name.
/// </summary>
public sealed partial record RecordName
{
    private RecordName(string value) => Value = value;

    /// <summary>Fully qualified, lower case, without the final dot (<c>shop.platform.example.com</c>).</summary>
    public string Value { get; }

    /// <param name="zone">The zone, absent when it is invalid: then only the name's own form is checked, and no name is built.</param>
    /// <param name="error">The problem's code and message when <paramref name="text"/> cannot be a record of the zone.</param>
    public static bool TryParse(string text, HostedZoneName? zone, [NotNullWhen(true)] out RecordName? record, out (string Code, string Message)? error)
    {
        record = null;
        var name = text.ToLowerInvariant();
        var absolute = name.EndsWith('.');
        name = name.TrimEnd('.');
        var labels = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        error = name != "*" && !DomainLabels().IsMatch(labels)
            ? (ProblemCodes.BadFormat, "is not a DNS record name: app (relative to the zone), app.example.com (with or without the final dot) or *.app.example.com; labels of letters, digits and '-'")
            : null;
        if (error is not null || zone is null)
        {
            return false;
        }

        var inZone = name == zone.Value || name.EndsWith($".{zone.Value}", StringComparison.Ordinal);
        var fullName = inZone ? name : $"{name}.{zone.Value}";
        error = (absolute && !inZone, fullName.Length > 253) switch
        {
            (true, _) => (ProblemCodes.RecordOutsideZone, $"is not inside the hosted zone {zone}; Route53 only serves names under the zone's own name"),
            (_, true) => (ProblemCodes.BadFormat, $"makes {fullName}, longer than the 253 characters a DNS name may have"),
            _ => null,
        };
        record = error is null ? new RecordName(fullName) : null;
        return record is not null;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DomainLabels();
}
