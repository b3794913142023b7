using System.Globalization;
using System.Text.RegularExpressions;

namespace BlueGreen.Core.Model;

/// <summary>A Kubernetes minor release, the unit every skew, support and deprecation rule is written in ("1.33").</summary>
public readonly partial record struct KubernetesVersion(int Major, int Minor) : IComparable<KubernetesVersion>
{
    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        var match = MinorPattern().Match(text.Trim());
        if (!match.Success
            || !int.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups["minor"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new KubernetesVersion(major, minor);
        return true;
    }

    public static KubernetesVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a Kubernetes minor version such as 1.33.");

    /// <summary>How many minors separate two versions of the same major; positive when <paramref name="other"/> is older.</summary>
    public int MinorsNewerThan(KubernetesVersion other) =>
        Major == other.Major ? Minor - other.Minor : throw new ArgumentException($"Cannot compare {this} with {other}: different majors.");

    /// <summary>The minors strictly between this version and a newer one: what a blue/green jump skips.</summary>
    public IReadOnlyList<KubernetesVersion> MinorsSkippedUpTo(KubernetesVersion newer)
    {
        var major = Major;
        return Enumerable.Range(Minor + 1, Math.Max(0, newer.Minor - Minor - 1)).Select(m => new KubernetesVersion(major, m)).ToList();
    }

    public int CompareTo(KubernetesVersion other) => (Major, Minor).CompareTo((other.Major, other.Minor));

    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";

    // A leading "v" and a patch level are accepted because they are how versions appear in manifests and tool output.
    [GeneratedRegex(@"^v?(?<major>\d+)\.(?<minor>\d+)(\.\d+)?$")]
    private static partial Regex MinorPattern();
}
