namespace BlueGreen.Infra.Tests;

/// <summary>Pulumi's test runner keeps one deployment per process at a time, so every test here runs in this one serial collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PulumiCollection
{
    public const string Name = "Pulumi deployments";
}
