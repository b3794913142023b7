using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Cli.Common;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Model;
using BlueGreen.Core.Outputs;
using BlueGreen.Core.Settings;
using BlueGreen.Core.Traffic;

namespace BlueGreen.Cli.Cutover;

/// <summary>How one apply ended: null <see cref="Error"/> when the stack now deploys the weights asked for.</summary>
internal sealed record ApplyResult(string? Error, ApplyFailure Failure)
{
    public static readonly ApplyResult Ok = new(null, ApplyFailure.Failed);
}

/// <summary>The traffic stack as a cutover sees it: its config, its deployed weights, its lease, and a way to change them.</summary>
internal interface ITrafficStack
{
    string Name { get; }

    /// <summary>Reads config, deployed weights and lease in one go; every verb acts on all three.</summary>
    Task<Validated<StackView>> ReadAsync(CancellationToken cancellation);

    /// <summary>
    /// Sets the weights and updates the stack. On failure or cancellation the config is put back to <paramref name="restore"/>,
    /// so the stack is never left set to weights that were not applied. Cancellation stops a running update like Ctrl+C.
    /// </summary>
    Task<ApplyResult> ApplyWeightsAsync(TrafficWeights weights, ObservedWeights restore, CancellationToken cancellation);

    /// <summary>Writes the lease tag; null on success, else why not. A backend without stack tags answers <see cref="LeasesUnsupported"/>.</summary>
    Task<string?> SetLeaseAsync(StackLease lease, CancellationToken cancellation);

    Task<string?> RemoveLeaseAsync(CancellationToken cancellation);
}

internal static class TrafficStacks
{
    public const string LeasesUnsupported = "this Pulumi backend does not store stack tags";
}

/// <summary>
/// The traffic stack through the real pulumi CLI, run in the directory of its stack file. Pulumi's state stays the only
/// record of the weights: nothing here talks to Route53. The verb decides what a lease that cannot be read costs.
/// </summary>
internal sealed class PulumiTrafficStack(IProcessRunner processes, string workingDirectory, string stack, TrafficVerb verb) : ITrafficStack
{
    private const string Pulumi = "pulumi";

    public string Name => stack;

    public async Task<Validated<StackView>> ReadAsync(CancellationToken cancellation)
    {
        var config = await ReadConfigAsync(cancellation);
        var deployed = await new StackOutputReader(processes, workingDirectory).ReadDeployedWeightsAsync(stack, cancellation);
        var lease = await ReadLeaseAsync(cancellation);
        return StackView.Of(verb, config, deployed, lease.Value?.Text, lease.Problems);
    }

    public async Task<ApplyResult> ApplyWeightsAsync(TrafficWeights weights, ObservedWeights restore, CancellationToken cancellation)
    {
        var set = await SetAsync(weights.Blue, weights.Green, cancellation);
        if (set is not null)
        {
            return new ApplyResult(set, ApplyFailure.Failed);
        }

        string[] up = ["up", "--yes", "--skip-preview", "--non-interactive", "--message", $"bluegreen: {weights}", "--stack", stack];
        ProcessResult result;
        try
        {
            result = await processes.RunAsync(Pulumi, up, workingDirectory, cancellation);
        }
        catch (OperationCanceledException)
        {
            await RestoreAsync(restore);
            throw;
        }

        if (result.Succeeded)
        {
            return ApplyResult.Ok;
        }

        var restored = await RestoreAsync(restore);
        var failure = IsLocked(result) ? ApplyFailure.StackLocked : ApplyFailure.Failed;
        return new ApplyResult(result.Failure(Command(up)) + (restored is null ? "" : $"; putting the config back to {restore} failed too: {restored}"), failure);
    }

    public async Task<string?> SetLeaseAsync(StackLease lease, CancellationToken cancellation)
    {
        string[] arguments = ["stack", "tag", "set", StackLease.TagName, lease.Format(), "--stack", stack];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        return result.Succeeded ? null : TagsUnsupported(result) ? TrafficStacks.LeasesUnsupported : result.Failure(Command(arguments));
    }

    public async Task<string?> RemoveLeaseAsync(CancellationToken cancellation)
    {
        string[] arguments = ["stack", "tag", "rm", StackLease.TagName, "--stack", stack];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        return result.Succeeded ? null : result.Failure(Command(arguments));
    }

    /// <summary>Reads {"blue": N, "green": M}, as config holds the weights and as the traffic stack outputs them; any numbers, 0/0 included.</summary>
    internal static Validated<ObservedWeights> WeightsFrom(JsonNode? node, string source)
    {
        if (node is JsonObject map && Weight(map["blue"]) is { } blue && Weight(map["green"]) is { } green)
        {
            return Validated<ObservedWeights>.Valid(new ObservedWeights(blue, green));
        }

        return Validated<ObservedWeights>.Invalid([Problem.Error(ProblemCodes.StackUnexpectedAnswer, SettingKeys.Weights, node?.ToJsonString(), $"{source} did not give weights as {{\"blue\": N, \"green\": M}}")]);
    }

    // Pulumi's own words for a stack another update holds: the DIY backend's lock file message, and Pulumi Cloud's 409.
    private static bool IsLocked(ProcessResult result) =>
        result.StandardError.Contains("the stack is currently locked", StringComparison.OrdinalIgnoreCase)
        || result.StandardError.Contains("Another update is currently in progress", StringComparison.OrdinalIgnoreCase);

    // `pulumi stack tag` on a backend without tags: "the current backend (...) does not support stack tags", or on older
    // DIY backends "stack tags not supported in diy mode".
    private static bool TagsUnsupported(ProcessResult result) =>
        result.StandardError.Contains("does not support stack tags", StringComparison.OrdinalIgnoreCase)
        || result.StandardError.Contains("stack tags not supported", StringComparison.OrdinalIgnoreCase);

    private async Task<Validated<ObservedWeights>> ReadConfigAsync(CancellationToken cancellation)
    {
        string[] arguments = ["config", "get", SettingKeys.Weights, "--json", "--stack", stack];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        if (!result.Succeeded)
        {
            return Invalid(ProblemCodes.StackUnreadable, null, $"could not read the traffic stack's weights: {result.Failure(Command(arguments))}");
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
            return Invalid(ProblemCodes.StackUnexpectedAnswer, result.StandardOutput.Trim(), $"`{Command(arguments)}` did not print JSON: {e.Message}");
        }

        return WeightsFrom(weights, $"`{Command(arguments)}`");
    }

    private sealed record LeaseTag(string? Text);

    // `pulumi stack tag get NAME` prints the value, or fails with "stack tag 'NAME' not found for stack '...'"; any other
    // failure (the backend unreachable, refused) says nothing about whether a lease is set.
    private async Task<Validated<LeaseTag>> ReadLeaseAsync(CancellationToken cancellation)
    {
        string[] arguments = ["stack", "tag", "get", StackLease.TagName, "--stack", stack];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        if (result.Succeeded)
        {
            return Validated<LeaseTag>.Valid(new LeaseTag(result.StandardOutput.Trim()));
        }

        if (result.StandardError.Contains($"stack tag '{StackLease.TagName}' not found", StringComparison.Ordinal) || TagsUnsupported(result))
        {
            return Validated<LeaseTag>.Valid(new LeaseTag(null));
        }

        // Read as no lease, with the verb's verdict on that beside it: a warning only where the lease does not matter.
        return new Validated<LeaseTag>(new LeaseTag(null), [StackLease.Unreadable(verb, result.Failure(Command(arguments)))]);
    }

    // One `set-all` writes both weights in a single save of the stack file: no moment where the config holds one
    // color's new weight beside the other's old one (which could sum to 0).
    private async Task<string?> SetAsync(int blue, int green, CancellationToken cancellation)
    {
        string[] arguments =
        [
            "config", "set-all", "--path",
            "--plaintext", $"{SettingKeys.Weights}.blue={blue}",
            "--plaintext", $"{SettingKeys.Weights}.green={green}",
            "--stack", stack,
        ];
        var result = await processes.RunAsync(Pulumi, arguments, workingDirectory, cancellation);
        return result.Succeeded ? null : result.Failure(Command(arguments));
    }

    // Bounded on its own: it runs after the update was cancelled, and must not hang the exit.
    private async Task<string?> RestoreAsync(ObservedWeights restore)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await SetAsync(restore.Blue, restore.Green, bound.Token);
        }
        catch (OperationCanceledException)
        {
            return "timed out";
        }
    }

    private static int? Weight(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number
        : node is JsonValue text && text.TryGetValue<string>(out var s) && int.TryParse(s, out var parsed) ? parsed
        : null;

    private static Validated<ObservedWeights> Invalid(string code, string? value, string message) =>
        Validated<ObservedWeights>.Invalid([Problem.Error(code, SettingKeys.Weights, value, message)]);

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
            return Validated<JsonObject>.Invalid([Problem.Error(ProblemCodes.StackUnreadable, stack, null, $"could not read the stack's outputs: {result.Failure($"pulumi {string.Join(" ", arguments)}")}")]);
        }

        try
        {
            return JsonNode.Parse(result.StandardOutput) is JsonObject outputs
                ? Validated<JsonObject>.Valid(outputs)
                : Validated<JsonObject>.Invalid([Problem.Error(ProblemCodes.StackUnexpectedAnswer, stack, result.StandardOutput.Trim(), "`pulumi stack output --json` did not print an object")]);
        }
        catch (JsonException e)
        {
            return Validated<JsonObject>.Invalid([Problem.Error(ProblemCodes.StackUnexpectedAnswer, stack, result.StandardOutput.Trim(), $"`pulumi stack output --json` did not print JSON: {e.Message}")]);
        }
    }

    /// <summary>The weights the traffic stack's last update deployed, or null when it has not been deployed (no such output).</summary>
    public async Task<Validated<ObservedWeights>?> ReadDeployedWeightsAsync(string trafficStack, CancellationToken cancellation)
    {
        var outputs = await ReadAsync(trafficStack, cancellation);
        if (!outputs.IsValid)
        {
            return Validated<ObservedWeights>.Invalid(outputs.Problems);
        }

        var weights = outputs.Require()[TrafficStackOutputs.Weights];
        return weights is null ? null : PulumiTrafficStack.WeightsFrom(weights, $"the {TrafficStackOutputs.Weights} output of {trafficStack}");
    }
}
