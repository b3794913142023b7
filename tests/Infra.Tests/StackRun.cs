using System.Collections.Immutable;
using BlueGreen.Core.Settings;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Infra.Tests;

/// <summary>The program run under Pulumi's mocks on a stack file of Fixtures/Stacks, as <c>pulumi up</c> would run it.</summary>
internal sealed record StackRun(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs, StackMocks Mocks)
{
    /// <summary>A fixed day inside both fixture versions' support, so support phases do not drift with the calendar.</summary>
    public static readonly DateOnly Today = new(2026, 5, 1);

    /// <param name="overrides">Settings changed from the file's, as <c>pulumi config set</c> would change them.</param>
    public static async Task<StackRun> UpAsync(string stackFile, StackMocks? mocks = null, IReadOnlyDictionary<string, string>? overrides = null)
    {
        mocks ??= new StackMocks();
        var config = ConfigOf(stackFile).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? ImmutableDictionary<string, string>.Empty)
        {
            config[key] = value;
        }

        var (resources, outputs) = await Deployment.TestAsync(mocks, Options(stackFile, isPreview: false),
            () => StackProgram.RunAsync(config, Today));
        return new StackRun(resources, outputs, mocks);
    }

    /// <summary>
    /// The outputs as another stack's <c>StackReference</c> reads them once this run is deployed: text outputs, plain
    /// or resolved from their <see cref="Output{T}"/>, the ones the traffic stack and the CLI read.
    /// </summary>
    public async Task<ImmutableDictionary<string, object>> DeployedOutputsAsync()
    {
        var deployed = ImmutableDictionary<string, object>.Empty;
        foreach (var (name, value) in Outputs)
        {
            switch (value)
            {
                case string text:
                    deployed = deployed.Add(name, text);
                    break;
                case Output<string> output:
                    deployed = deployed.Add(name, await output.GetValueAsync());
                    break;
            }
        }

        return deployed;
    }

    public static TestOptions Options(string stackFile, bool isPreview) => new()
    {
        ProjectName = "infra",
        StackName = StackFile.StackNameFrom(Path.GetFileName(stackFile)),
        IsPreview = isPreview,
    };

    /// <summary>The flat key→string map the engine hands the program, built from the stack file exactly as Pulumi builds it.</summary>
    public static IReadOnlyDictionary<string, string> ConfigOf(string stackFile)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Stacks", stackFile);
        return StackFile.Read(path, File.ReadAllText(path)).Require().Values;
    }

    public IEnumerable<T> OfType<T>() where T : Resource => Resources.OfType<T>();
}

internal static class OutputValues
{
    /// <summary>The value of an output once known; every output of a non-preview mock run is known.</summary>
    public static Task<T> GetValueAsync<T>(this Output<T> output)
    {
        var value = new TaskCompletionSource<T>();
        output.Apply(v =>
        {
            value.SetResult(v);
            return v;
        });
        return value.Task;
    }
}
