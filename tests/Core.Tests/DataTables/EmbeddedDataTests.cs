using BlueGreen.Core.Model;
using BlueGreen.Core.Tests.Model;

namespace BlueGreen.Core.Tests.DataTables;

/// <summary>The tables compiled in at build time (generators/DataTableGenerator.cs) against the YAML they come from.</summary>
public class EmbeddedDataTests
{
    public static TheoryData<string, string> DataFiles => new()
    {
        { "core/Deprecations/deprecated-apis.data.yaml", EmbeddedData.DeprecatedApis()!.ToString() },
        { "core/Catalog/eks-versions.data.yaml", EmbeddedData.EksVersions()!.ToString() },
        { "core/Skew/skew-policy.data.yaml", EmbeddedData.SkewPolicy()!.ToString() },
    };

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void A_compiled_in_table_is_the_tree_its_yaml_reads_as(string file, string compiledIn)
    {
        using var text = new StreamReader(Repository.File(file));

        Assert.Equal(YamlData.Parse(text)!.ToString(), compiledIn);
    }

    [Fact]
    public void Every_data_file_in_core_is_compiled_in()
    {
        var files = Directory.GetFiles(Repository.File("core"), "*.data.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, DataFiles.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }
}
