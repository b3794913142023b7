using System.Collections.Immutable;

namespace BlueGreen.Core.Model;

/// <summary>
/// The outcome of checking an input: the value when it could be built, and every problem found on the way,
/// so a user fixes all of them in one pass instead of one per run.
/// </summary>
public sealed record Validated<T>(T? Value, ImmutableArray<Problem> Problems) where T : class
{
    public bool IsValid => Value is not null && !Problems.Any(p => p.IsError);

    public IEnumerable<Problem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<Problem> Warnings => Problems.Where(p => !p.IsError);

    public static Validated<T> Valid(T value, IEnumerable<Problem>? warnings = null) =>
        new(value, warnings?.ToImmutableArray() ?? []);

    public static Validated<T> Invalid(IEnumerable<Problem> problems) => new(null, problems.ToImmutableArray());

    /// <summary>The value, for callers that have already checked <see cref="IsValid"/>; a bug otherwise.</summary>
    public T Require() =>
        IsValid ? Value! : throw new InvalidOperationException($"Validated<{typeof(T).Name}> used while invalid: {string.Join("; ", Errors)}");
}
