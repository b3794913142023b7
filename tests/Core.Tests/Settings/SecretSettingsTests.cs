using System.Collections.Immutable;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

/// <summary>Secrets (<c>secure:</c> in a stack file, <c>PULUMI_CONFIG_SECRET_KEYS</c> in the program) in stack settings.</summary>
public class SecretSettingsTests
{
    private const string Ciphertext = "v1:J7cHV3sTNBtlXJmN:hd2mwM8nZTA0TVh5pBhpRWAJ6NWS";

    private const string Traffic = """
        config:
          infra:hostedZone:
            secure: v1:J7cHV3sTNBtlXJmN:hd2mwM8nZTA0TVh5pBhpRWAJ6NWS
          infra:recordName: app
          infra:ttl: 60
          infra:blueStack: acme/infra/blue
          infra:greenStack: acme/infra/green
          infra:weights: { blue: 100, green: 0 }
          infra:healthCheck: { path: /healthz }
          app:databasePassword:
            secure: v1:J7cHV3sTNBtlXJmN:hd2mwM8nZTA0TVh5pBhpRWAJ6NWS
        """;

    [Fact]
    public void A_secure_value_for_a_setting_is_reported_at_its_line_with_its_code()
    {
        var result = Parse(Traffic);

        var problem = Assert.Single(result.Errors);
        Assert.Equal((ProblemCodes.SecretNotAllowed, "infra:hostedZone", 3), (problem.Code, problem.Key, problem.Line));
    }

    [Fact]
    public void A_secure_color_still_makes_a_cluster_stack_and_is_reported_as_a_secret_not_as_a_missing_role()
    {
        var result = Parse("""
            config:
              infra:color:
                secure: v1:J7cHV3sTNBtlXJmN:hd2mwM8nZTA0TVh5pBhpRWAJ6NWS
              infra:kubernetesVersion: "1.35"
              infra:vpcCidr: 10.41.0.0/16
              infra:nodeGroups: [{ name: general, instanceTypes: [m6i.large], minSize: 1, desiredSize: 1, maxSize: 3 }]
            """);

        Assert.Equal(ProblemCodes.SecretNotAllowed, result.SingleError("infra:color").Code);
        Assert.DoesNotContain(result.Problems, p => p.Code == ProblemCodes.NoRole);
    }

    [Fact]
    public void A_secure_value_outside_the_infra_namespace_is_no_concern_of_the_settings()
    {
        var result = Parse(Traffic);

        Assert.DoesNotContain(result.Problems, p => p.Key.StartsWith("app:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secure_leaf_inside_a_structured_setting_makes_the_whole_setting_secret()
    {
        var config = StackFile.Read("Pulumi.traffic.yaml", Traffic.Replace("{ path: /healthz }", $"{{ path: {{ secure: {Ciphertext} }} }}", StringComparison.Ordinal)).Require();

        Assert.Contains("infra:healthCheck", config.SecretKeys);
        Assert.False(config.Values.ContainsKey("infra:healthCheck"));
    }

    [Fact]
    public void The_ciphertext_is_never_shown()
    {
        var config = StackFile.Read("Pulumi.traffic.yaml", Traffic).Require();
        var result = StackSettingsParser.Parse(config);

        Assert.DoesNotContain(config.Values.Values, v => v.Contains(Ciphertext, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Problems, p => p.ToString().Contains(Ciphertext, StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_the_engine_marks_secret_is_reported_and_its_decrypted_value_never_shown()
    {
        var values = new Dictionary<string, string>
        {
            ["infra:color"] = "green",
            ["infra:kubernetesVersion"] = "1.35",
            ["infra:vpcCidr"] = "10.41.0.0/16",
            ["infra:nodeGroups"] = """[{"name":"general","instanceTypes":["m6i.large"],"minSize":1,"desiredSize":1,"maxSize":3}]""",
            ["infra:nodeGroupz"] = "hunter2",
        };
        var config = new StackConfig("green", null, values) { SecretKeys = ImmutableHashSet.Create("infra:vpcCidr", "infra:nodeGroupz") };

        var result = StackSettingsParser.Parse(config);

        Assert.Equal(ProblemCodes.SecretNotAllowed, result.SingleError("infra:vpcCidr").Code);
        Assert.DoesNotContain(result.Problems, p => p.ToString().Contains("10.41.0.0", StringComparison.Ordinal) || p.ToString().Contains("hunter2", StringComparison.Ordinal));
    }

    private static Validated<StackSettings> Parse(string yaml) =>
        StackSettingsParser.Parse(StackFile.Read("Pulumi.traffic.yaml", yaml).Require());
}

public class SharedSettingsTests
{
    [Fact]
    public void A_stack_with_the_backup_retention_is_the_shared_stack()
    {
        var result = SettingsFixtures.Parse("shared", new Dictionary<string, string> { ["infra:backupRetentionDays"] = "30" });

        Assert.Equal(30, Assert.IsType<SharedStackSettings>(result.Require()).BackupRetentionDays);
    }

    [Fact]
    public void A_retention_outside_one_day_to_ten_years_is_out_of_range()
    {
        var result = SettingsFixtures.Parse("shared", new Dictionary<string, string> { ["infra:backupRetentionDays"] = "0" });

        Assert.Equal(ProblemCodes.OutOfRange, result.SingleError("infra:backupRetentionDays").Code);
    }

    [Fact]
    public void A_cluster_setting_in_the_shared_stack_is_reported_as_unused()
    {
        var result = SettingsFixtures.Parse("shared", new Dictionary<string, string>
        {
            ["infra:backupRetentionDays"] = "30",
            ["infra:vpcCidr"] = "10.40.0.0/16",
        });

        Assert.IsType<SharedStackSettings>(result.Require());
        Assert.Equal((ProblemCodes.UnusedKey, "infra:vpcCidr"), (Assert.Single(result.Warnings).Code, Assert.Single(result.Warnings).Key));
    }
}
