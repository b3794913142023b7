using System.Text;
using BlueGreen.Core.Model;
using YamlDotNet.Core;

namespace BlueGreen.Core.Tests.Model;

/// <summary>The tree the data files are read into: what reads as absent, what is a shape error, what text can cost.</summary>
public class YamlDataTests
{
    [Theory]
    [InlineData("key: ~")]
    [InlineData("key: null")]
    [InlineData("key: NULL")]
    [InlineData("key:")]
    [InlineData("other: 1")]
    public void A_null_or_a_missing_key_reads_as_absent(string yaml)
    {
        Assert.Null(Parse(yaml)["key"]);
    }

    [Theory]
    [InlineData("key: 'null'", "null")]
    [InlineData("key: \"~\"", "~")]
    [InlineData("key: ''", "")]
    public void A_quoted_null_is_text(string yaml, string text)
    {
        Assert.Equal(text, Parse(yaml)["key"]?.String());
    }

    [Fact]
    public void A_key_the_table_does_not_know_is_an_error_at_its_line_and_column()
    {
        var error = Assert.Throws<YamlException>(() => Parse("known: 1\nmisspelt: 2\n").OnlyKeys("known"));

        Assert.Equal((2, 1), (error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void A_list_where_a_value_is_expected_is_an_error_at_the_list()
    {
        var error = Assert.Throws<YamlException>(() => Parse("a: 1\nkey: [x, y]\n")["key"]!.String());

        Assert.Equal((2, 6), (error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void Anchors_repeated_over_and_over_cost_no_more_than_their_text()
    {
        // Nine aliases of nine aliases, eight levels deep: 43 million leaves if each alias were copied.
        var yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 8; level++)
        {
            yaml.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        var deepest = Parse(yaml.ToString())["l8"]!;

        Assert.Equal(9, deepest.Items().Count());
        Assert.Same(deepest.Items().First(), deepest.Items().Last());
    }

    [Fact]
    public void A_document_nested_past_the_limit_is_an_error_not_a_crash()
    {
        var yaml = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));

        Assert.Throws<YamlException>(() => YamlData.Parse(new StringReader(yaml)));
    }

    private static YamlData Parse(string yaml) => YamlData.Parse(new StringReader(yaml))!;
}
