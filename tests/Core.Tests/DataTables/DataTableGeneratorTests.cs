using System.Collections.Immutable;
using System.Text;
using BlueGreen.DataTableGenerator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace BlueGreen.Core.Tests.DataTables;

/// <summary>What the build says when a data file is wrong: run the generator as the compiler runs it.</summary>
public class DataTableGeneratorTests
{
    [Fact]
    public void A_data_file_that_is_not_valid_yaml_fails_the_build_at_its_line()
    {
        var result = Run(("core/Skew/skew-policy.data.yaml", "source: upstream\ncomponents:\n  - name: kubelet\n    rules: [unclosed\n"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("BGDATA001", DiagnosticSeverity.Error), (error.Id, error.Severity));
        Assert.Equal("core/Skew/skew-policy.data.yaml", error.Location.GetLineSpan().Path);
        Assert.True(error.Location.GetLineSpan().StartLinePosition.Line >= 3, $"reported at line {error.Location.GetLineSpan().StartLinePosition.Line + 1}");
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void A_key_given_twice_fails_the_build_at_its_line()
    {
        var result = Run(("core/Skew/skew-policy.data.yaml", "source: upstream\nsource: again\n"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("BGDATA001", error.Id);
        Assert.Equal(1, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Two_data_files_with_one_name_fail_the_build()
    {
        var result = Run(("core/Skew/policy.data.yaml", "a: 1\n"), ("core/Catalog/policy.data.yaml", "b: 2\n"));

        Assert.Equal("BGDATA002", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_data_file_becomes_a_method_named_for_it_that_compiles()
    {
        var result = Run(("core/Catalog/eks-versions.data.yaml", "asOf: \"2026-12-01\"\nversions: [ ~, 'null' ]\n"));

        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.GeneratedTrees).ToString();
        Assert.Contains("YamlData? EksVersions()", source, StringComparison.Ordinal);
        Assert.Empty(CSharpSyntaxTree.ParseText(source).GetDiagnostics());
    }

    [Fact]
    public void Files_that_are_not_data_files_are_left_alone()
    {
        var result = Run(("core/Blueprints/velero.policy.json", "{}"), ("README.yaml", "a: 1\n"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }

    private static GeneratorDriverRunResult Run(params (string Path, string Text)[] files)
    {
        var compilation = CSharpCompilation.Create("Probe", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(
            [new DataTableGenerator.DataTableGenerator().AsSourceGenerator()],
            additionalTexts: [.. files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text))]);
        return driver.RunGenerators(compilation).GetRunResult();
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }
}
