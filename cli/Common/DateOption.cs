using System.CommandLine;
using System.Globalization;

namespace BlueGreen.Cli.Common;

internal static class DateOption
{
    /// <summary>
    /// Support status depends on the day; --date makes a plan reproducible (and lets a team ask how it will look
    /// on the day of the cutover).
    /// </summary>
    /// <remarks>
    /// No default value on the option itself: help would print it in the machine's culture (11/21/2026), unlike the
    /// yyyy-MM-dd it asks for. <see cref="Today"/> falls back to today instead.
    /// </remarks>
    public static Option<DateOnly?> Create() => new("--date")
    {
        Description = "judge EKS support as of this date, yyyy-MM-dd (default: today, UTC)",
        HelpName = "yyyy-MM-dd",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"--date '{text}' is not a date in the form yyyy-MM-dd.");
            return default;
        },
    };

    public static DateOnly Today(DateOnly? date) => date ?? DateOnly.FromDateTime(DateTime.UtcNow);
}
