using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Cutover;

/// <summary>The traffic stack as a cutover sees it: the weights it holds, and a way to change them.</summary>
internal interface ITrafficStack
{
    string Name { get; }

    /// <summary>The weights in the stack's config: what the stack is set to, and what its next update deploys.</summary>
    Task<Validated<TrafficWeights>> ReadWeightsAsync(CancellationToken cancellation);

    /// <summary>
    /// Sets the weights and updates the stack; returns null on success, else why it failed. On failure the config is put
    /// back to <paramref name="previous"/>, so the stack is never left set to weights that were not applied.
    /// </summary>
    Task<string?> ApplyWeightsAsync(TrafficWeights weights, TrafficWeights previous, CancellationToken cancellation);
}

/// <summary>
/// The traffic stack through the real pulumi CLI, run in the directory of its stack file. Pulumi's state stays the only
/// record of the weights: nothing here talks to Route53.
/// </summary>
internal sealed class PulumiTrafficStack(IProcessRunner processes, string workingDirectory, string stack) : ITrafficStack
{
    private const string Pulumi = "pulumi";

    public string Name => stack;

    public async Task<Validated<TrafficWeights>> ReadWeightsAsync(CancellationToken cancellation)
    {
        string[] arguments = ["config", "get", SettingKeys.Weights, "--json", "--stack", stack];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        if (!result.Succeeded)
        {
            return Invalid(null, $"could not read the traffic stack's weights: {result.Failure(Command(arguments))}");
        }

        // `pulumi config get --json` prints {"value": "<text>", "objectValue": <parsed>, "secret": false}.
        JsonNode? weights;
        try
        {
            var document = JsonNode.Parse(result.StandardOutput);
            weights = document?["objectValue"] ?? (document?["value"]?.GetValue<string>() is { } text ? JsonNode.Parse(text) : null);
        }
        catch (JsonException e)
        {
            return Invalid(result.StandardOutput.Trim(), $"`{Command(arguments)}` did not print JSON: {e.Message}");
        }

        return WeightsFrom(weights, $"`{Command(arguments)}`");
    }

    public async Task<string?> ApplyWeightsAsync(TrafficWeights weights, TrafficWeights previous, CancellationToken cancellation)
    {
        var set = await SetAsync(weights, cancellation);
        if (set is not null)
        {
            return set;
        }

        string[] up = ["up", "--yes", "--skip-preview", "--non-interactive", "--message", $"bluegreen: {weights}", "--stack", stack];
        var result = await processes.RunAsync(Pulumi, up, workingDirectory, cancellation);
        if (result.Succeeded)
        {
            return null;
        }

        var restored = await SetAsync(previous, cancellation);
        return result.Failure(Command(up)) + (restored is null ? "" : $"; putting the config back to {previous} failed too: {restored}");
    }

    /// <summary>Reads {"blue": N, "green": M}, as config holds the weights and as the traffic stack outputs them.</summary>
    internal static Validated<TrafficWeights> WeightsFrom(JsonNode? node, string source)
    {
        if (node is JsonObject map && Weight(map["blue"]) is { } blue && Weight(map["green"]) is { } green)
        {
            return Validated<TrafficWeights>.Valid(new TrafficWeights(blue, green));
        }

        return Invalid(node?.ToJsonString(), $"{source} did not give weights as {{\"blue\": N, \"green\": M}}");
    }

    // One `set-all` writes both weights in a single save of the stack file: no moment where the config holds one
    // color's new weight beside the other's old one (which could sum to 0).
    private async Task<string?> SetAsync(TrafficWeights weights, CancellationToken cancellation)
    {
        string[] arguments =
        [
            "config", "set-all", "--path",
            "--plaintext", $"{SettingKeys.Weights}.blue={weights.Blue}",
            "--plaintext", $"{SettingKeys.Weights}.green={weights.Green}",
            "--stack", stack,
        ];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        return result.Succeeded ? null : result.Failure(Command(arguments));
    }

    private static int? Weight(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number
        : node is JsonValue text && text.TryGetValue<string>(out var s) && int.TryParse(s, out var parsed) ? parsed
        : null;

    private static Validated<TrafficWeights> Invalid(string? value, string message) =>
        Validated<TrafficWeights>.Invalid([Problem.Error(SettingKeys.Weights, value, message)]);

    private static string Command(IEnumerable<string> arguments) => $"{Pulumi} {string.Join(" ", arguments)}";
}

/// <summary>Reads a stack's outputs with <c>pulumi stack output --json</c>.</summary>
internal sealed class StackOutputReader(IProcessRunner processes, string workingDirectory)
{
    public async Task<Validated<JsonObject>> ReadAsync(string stack, CancellationToken cancellation)
    {
        string[] arguments = ["stack", "output", "--json", "--stack", stack];
        var result = await processes.RunAsync("pulumi", arguments, workingDirectory, cancellation);
        if (!result.Succeeded)
        {
            return Validated<JsonObject>.Invalid([Problem.Error(stack, null, $"could not read the stack's outputs: {result.Failure($"pulumi {string.Join(" ", arguments)}")}")]);
        }

        try
        {
            return JsonNode.Parse(result.StandardOutput) is JsonObject outputs
                ? Validated<JsonObject>.Valid(outputs)
                : Validated<JsonObject>.Invalid([Problem.Error(stack, result.StandardOutput.Trim(), "`pulumi stack output --json` did not print an object")]);
        }
        catch (JsonException e)
        {
            return Validated<JsonObject>.Invalid([Problem.Error(stack, result.StandardOutput.Trim(), $"`pulumi stack output --json` did not print JSON: {e.Message}")]);
        }
    }

    /// <summary>The weights the traffic stack's last update deployed, or null when it has not been deployed (no such output).</summary>
    public async Task<Validated<TrafficWeights>?> ReadDeployedWeightsAsync(string trafficStack, CancellationToken cancellation)
    {
        var outputs = await ReadAsync(trafficStack, cancellation);
        if (!outputs.IsValid)
        {
            return Validated<TrafficWeights>.Invalid(outputs.Problems);
        }

        var weights = outputs.Require()[TrafficStackOutputs.Weights];
        return weights is null ? null : PulumiTrafficStack.WeightsFrom(weights, $"the {TrafficStackOutputs.Weights} output of {trafficStack}");
    }
}
