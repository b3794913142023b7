using System.Reflection;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Tests.Model;

public class ProblemCodeTests
{
    private static IEnumerable<string> Codes =>
        typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_code_is_unique()
    {
        Assert.Equal(Codes.Count(), Codes.Distinct().Count());
    }

    [Fact]
    public void Every_code_is_documented_in_the_readme_table()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        Assert.All(Codes, code => Assert.Contains($"| `{code}` |", readme, StringComparison.Ordinal));
    }
}
