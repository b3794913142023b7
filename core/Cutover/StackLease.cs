using System.Globalization;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Cutover;

/// <summary>
/// Who holds the traffic stack for a cutover or rollback, kept with the stack itself (a stack tag, stored by the Pulumi
/// backend), so two CI runners see the same holder. A lease, not a lock: a run that crashed stops renewing it and it
/// expires, so nothing stays held forever.
/// </summary>
public sealed record StackLease(string RunId, string Verb, string Host, int Pid, DateTimeOffset Since, DateTimeOffset Expires)
{
    /// <summary>The stack tag the lease is kept in.</summary>
    public const string TagName = "bluegreen-lease";

    public bool IsExpired(DateTimeOffset now) => now >= Expires;

    public string Describe() =>
        $"{Verb} run {RunId} on {Host} (pid {Pid.ToString(CultureInfo.InvariantCulture)}) since {Stamp(Since)}, lease until {Stamp(Expires)}";

    /// <summary>The tag value: short (backends cap tag values at 256 characters) and readable in <c>pulumi stack tag ls</c>.</summary>
    public string Format() =>
        $"run={RunId};verb={Verb};host={Host};pid={Pid.ToString(CultureInfo.InvariantCulture)};since={Stamp(Since)};expires={Stamp(Expires)}";

    /// <summary>Reads a tag value; null when it is not a lease this tool wrote.</summary>
    public static StackLease? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var fields = text.Trim().Split(';').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return fields.TryGetValue("run", out var run) && fields.TryGetValue("verb", out var verb) && fields.TryGetValue("host", out var host)
            && fields.TryGetValue("pid", out var pidText) && int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && fields.TryGetValue("since", out var sinceText) && DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && fields.TryGetValue("expires", out var expiresText) && DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
            ? new StackLease(run, verb, host, pid, since, expires)
            : null;
    }

    /// <summary>
    /// Why a run may not take the stack, or null when it may: a live lease of another run blocks it; an expired one, one
    /// whose holder is known to be gone, or one of its own, does not. A tag that cannot be read as a lease blocks too:
    /// someone meant to hold the stack. A rollback breaks any lease, so for it the same finding is a warning.
    /// </summary>
    public static Problem? Refusal(TrafficVerb verb, string? tagValue, string runId, DateTimeOffset now, Func<StackLease, bool>? holderGone = null)
    {
        if (tagValue is null)
        {
            return null;
        }

        var held = Parse(tagValue);

        // A holder known to be gone (a process on this machine that no longer runs) holds nothing, expiry or not.
        if (held is not null && (held.RunId == runId || held.IsExpired(now) || holderGone?.Invoke(held) == true))
        {
            return null;
        }

        var holder = held is null
            ? $"the traffic stack's {TagName} tag holds '{tagValue}', which is not a lease this tool wrote; remove it (pulumi stack tag rm {TagName}) if nothing holds the stack"
            : $"another run holds the traffic stack: {held.Describe()}";
        return verb == TrafficVerb.Rollback
            ? Problem.Warning(ProblemCodes.LeaseHeld, TagName, null, $"breaking the lease: {holder}; a rollback always wins, and that run stops before its next update")
            : Problem.Error(ProblemCodes.LeaseHeld, TagName, null, $"{holder}. Refusing to start; wait for it, or run `bluegreen rollback` (which always breaks a lease)");
    }

    /// <summary>Two runs wrote their leases in the same moment and this one's was overwritten: the other holds the stack.</summary>
    public static Problem LostRace() =>
        Problem.Error(ProblemCodes.LeaseHeld, TagName, null, "another run took the lease at the same moment. Refusing to start");

    /// <summary>
    /// A cutover's lease: it must outlast the longest stretch between two renewals (each update renews it), a bake with
    /// its probes then an update running to its timeout.
    /// </summary>
    public static TimeSpan LengthFor(CutoverOptions options) =>
        Length(options.Bake + (options.Gates.MinSamples * options.ProbeInterval), options.ApplyTimeout);

    /// <summary>A rollback's lease: between two of its updates it waits at most one backoff, with no gates to bake.</summary>
    public static TimeSpan LengthForRollback(TimeSpan applyTimeout) => Length(CutoverPlan.MaxBackoff, applyTimeout);

    /// <summary>
    /// Why the lease tag could not be read, as the verb must take it. A cutover or a retire cannot tell whether another run
    /// holds the stack, so it refuses; a rollback breaks any lease anyway, so for it this is only a warning.
    /// </summary>
    public static Problem Unreadable(TrafficVerb verb, string failure) => verb == TrafficVerb.Rollback
        ? Problem.Warning(ProblemCodes.LeaseUnreadable, TagName, null, $"could not read the traffic stack's lease ({failure}); a rollback breaks any lease, so it goes on")
        : Problem.Error(ProblemCodes.LeaseUnreadable, TagName, null, $"could not read the traffic stack's lease, so whether another run holds the stack is unknown: {failure}");

    /// <summary>Why the lease tag could not be written, as the verb must take it: a cutover may not run unleased, a rollback goes on without one.</summary>
    public static Problem NotWritten(TrafficVerb verb, string failure) => verb == TrafficVerb.Rollback
        ? Problem.Warning(ProblemCodes.LeaseNotWritten, TagName, null, $"could not take the traffic stack's lease ({failure}); a rollback goes on without it")
        : Problem.Error(ProblemCodes.LeaseNotWritten, TagName, null, $"could not take the traffic stack's lease: {failure}");

    /// <summary>
    /// The backend keeps no stack tags (older self-managed backends), so no run can hold a lease: the run goes on, and
    /// what still guards it is the re-read of the stack before every update.
    /// </summary>
    public static Problem Unsupported(string failure) => Problem.Warning(ProblemCodes.LeaseUnsupported, TagName, null,
        $"{failure}, so this run holds no lease; it still re-reads the stack before every update and stops if anything else changed it");

    // Twice the longest stretch, so a slow step never loses the stack, and a minute for the reads around an update.
    private static TimeSpan Length(TimeSpan longestWait, TimeSpan applyTimeout) => (2 * (longestWait + applyTimeout)) + TimeSpan.FromMinutes(1);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
