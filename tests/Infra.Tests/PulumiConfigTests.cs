namespace BlueGreen.Infra.Tests;

public class PulumiConfigTests
{
    [Fact]
    public void Secret_keys_are_read_from_the_language_hosts_json_array_in_the_same_form_as_the_values_keys()
    {
        var values = PulumiConfig.Parse("""{"infra:config:hostedZone":"platform.example.com","infra:ttl":"60"}""");
        var secrets = PulumiConfig.ParseSecretKeys("""["infra:config:hostedZone","app:databasePassword"]""");

        Assert.Equal(["app:databasePassword", "infra:hostedZone"], secrets.Order(StringComparer.Ordinal));
        Assert.True(values.ContainsKey("infra:hostedZone"));
    }

    [Fact]
    public void No_secret_keys_is_an_empty_set()
    {
        Assert.Empty(PulumiConfig.ParseSecretKeys("[]"));
        Assert.Empty(PulumiConfig.ParseSecretKeys(null));
    }
}
