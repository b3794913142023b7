using System.Globalization;
using System.Text.RegularExpressions;

namespace BlueGreen.Core.Model;

/// <summary>Durations as people write them on a command line and read them in a log: 500ms, 30s, 2m, 1m30s, 1h.</summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789.".ToCharArray());
            var amount = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            duration += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return true;
    }

    /// <summary>
    /// A duration given on the command line as <paramref name="option"/>; when it is not one (or, for a timeout, not
    /// <paramref name="aboveZero"/>: zero would stop every call at once), a problem with its code joins
    /// <paramref name="problems"/>, which the caller reports with every other, and zero stands in.
    /// </summary>
    public static TimeSpan Option(string option, string text, List<Problem> problems, bool aboveZero = false)
    {
        if (TryParse(text, out var duration) && (!aboveZero || duration > TimeSpan.Zero))
        {
            return duration;
        }

        problems.Add(Problem.Error(ProblemCodes.OptionDuration, option, text, aboveZero
            ? "is not a duration above zero; write it as 30s, 2m or 1m30s"
            : "is not a duration; write it as 500ms, 30s, 2m or 1m30s"));
        return TimeSpan.Zero;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms";
        }

        var parts = new List<string>();
        if (duration.Hours + (duration.Days * 24) > 0)
        {
            parts.Add($"{duration.Hours + (duration.Days * 24)}h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes}m");
        }

        if (duration.Seconds > 0 || duration.Milliseconds > 0)
        {
            parts.Add(duration.Milliseconds > 0
                ? $"{(duration.Seconds + (duration.Milliseconds / 1000.0)).ToString("0.###", CultureInfo.InvariantCulture)}s"
                : $"{duration.Seconds}s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h))+$")]
    private static partial Regex Pattern();
}
