namespace BlueGreen.Core.Settings;

/// <summary>"did you mean …" for a misspelt key, so a typo is fixed from the message alone.</summary>
internal static class Suggestion
{
    public static string For(string unknown, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: Distance(unknown.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, unknown.Length / 4) ? $" (did you mean {best.Key}?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), substitution);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
