using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

/// <summary>Hosted zones and record names are built only through their parsers, so one that exists is one Route53 takes.</summary>
public class DnsNameTests
{
    [Theory]
    [InlineData("Platform.Example.com.", "platform.example.com")]
    [InlineData("example.xn--p1ai", "example.xn--p1ai")]
    public void A_zone_is_kept_lower_case_without_its_final_dot(string text, string expected)
    {
        Assert.True(HostedZoneName.TryParse(text, out var zone, out _));
        Assert.Equal(expected, zone.Value);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("example")]
    [InlineData("exa_mple.com")]
    public void Text_that_is_not_a_zone_name_builds_no_zone(string text)
    {
        Assert.False(HostedZoneName.TryParse(text, out var zone, out var error));
        Assert.Null(zone);
        Assert.Equal(ProblemCodes.BadFormat, error.Code);
    }

    [Fact]
    public void A_record_name_outside_its_zone_builds_no_record()
    {
        HostedZoneName.TryParse("example.com", out var zone, out _);

        Assert.False(RecordName.TryParse("app.example.org.", zone, out var record, out var error));
        Assert.Null(record);
        Assert.Equal(ProblemCodes.RecordOutsideZone, error?.Code);
    }

    [Fact]
    public void Without_a_valid_zone_a_record_name_is_judged_by_its_own_form_only()
    {
        Assert.False(RecordName.TryParse("app", null, out _, out var wellFormed));
        Assert.False(RecordName.TryParse("app..example.com", null, out _, out var malformed));

        Assert.Null(wellFormed);
        Assert.Equal(ProblemCodes.BadFormat, malformed?.Code);
    }
}
