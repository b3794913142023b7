namespace BlueGreen.Core.Cutover;

/// <summary>The verbs that act on the traffic stack, decided once from the command typed; every rule that differs between them reads this.</summary>
public enum TrafficVerb
{
    Cutover,
    Rollback,
    Retire,
}

public static class TrafficVerbs
{
    /// <summary>The verb as typed on the command line, in leases and in JSON.</summary>
    public static string Key(this TrafficVerb verb) => verb switch
    {
        TrafficVerb.Cutover => "cutover",
        TrafficVerb.Rollback => "rollback",
        _ => "retire",
    };

    /// <summary>A rollback never yields to a change it finds: it is the change that wins. Every other run does.</summary>
    public static bool YieldsToChanges(this TrafficVerb verb) => verb != TrafficVerb.Rollback;

    /// <summary>Whether a run of this verb that ended so did what it was asked: traffic back on the source is a rollback's success, a cutover's failure.</summary>
    public static bool Succeeded(this TrafficVerb verb, CutoverOutcome outcome) =>
        outcome == CutoverOutcome.Completed || (outcome == CutoverOutcome.RolledBack && verb == TrafficVerb.Rollback);
}
