using System.Text.RegularExpressions;

namespace BlueGreen.Core.Settings;

/// <summary>
/// One availability zone as a user names it: by name (<c>eu-west-1a</c>, which maps to a different physical zone in
/// each account) or by zone ID (<c>euw1-az1</c>, the same physical zone in every account). EC2 takes either when a
/// subnet is created, so neither needs the region's live zone list.
/// </summary>
public sealed partial record AvailabilityZone
{
    private AvailabilityZone(string value, bool isZoneId) => (Value, IsZoneId) = (value, isZoneId);

    public string Value { get; }

    public bool IsZoneId { get; }

    public static AvailabilityZone Named(string name) =>
        ZoneName().IsMatch(name) ? new(name, isZoneId: false) : throw new ArgumentException($"'{name}' is not an availability zone name.", nameof(name));

    public static bool TryParse(string text, out AvailabilityZone? zone)
    {
        zone = ZoneId().IsMatch(text) ? new(text, isZoneId: true)
            : ZoneName().IsMatch(text) ? new(text, isZoneId: false)
            : null;
        return zone is not null;
    }

    public override string ToString() => Value;

    // https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html: use1-az1; names are region + letter.
    [GeneratedRegex("^[a-z]{2,4}[0-9]+-az[0-9]+$")]
    private static partial Regex ZoneId();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$")]
    private static partial Regex ZoneName();
}
