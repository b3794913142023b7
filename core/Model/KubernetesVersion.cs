using System.Globalization;

namespace BlueGreen.Core.Model;

/// <summary>A Kubernetes minor release, the unit every skew, support and deprecation rule is written in ("1.33").</summary>
public readonly record struct KubernetesVersion(int Major, int Minor) : IComparable<KubernetesVersion>
{
    /// <summary>
    /// "1.33", and as versions appear in manifests and tool output, "v1.33" and "1.33.2": digits only, the patch
    /// ignored. Read without a regular expression: a scan parses versions and nothing else that needs one, and the
    /// regex engine's first use costs about ten milliseconds of a run that may take fifty (README, "Benchmarks").
    /// </summary>
    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        var rest = text.AsSpan().Trim();
        rest = rest.StartsWith('v') ? rest[1..] : rest;
        var dot = rest.IndexOf('.');
        if (dot < 0 || !TryParseNumber(rest[..dot], out var major))
        {
            return false;
        }

        rest = rest[(dot + 1)..];
        var patchDot = rest.IndexOf('.');
        if (!TryParseNumber(patchDot < 0 ? rest : rest[..patchDot], out var minor)
            || (patchDot >= 0 && !IsDigits(rest[(patchDot + 1)..])))
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

    public int CompareTo(KubernetesVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";

    private static bool TryParseNumber(ReadOnlySpan<char> digits, out int number)
    {
        number = 0;
        return IsDigits(digits) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    // ASCII digits only: no sign, no spaces, no separators.
    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
