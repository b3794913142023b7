using System.CommandLine;
using System.Globalization;
using BlueGreen.Core.Catalog;
using BlueGreen.Core.Settings;

namespace BlueGreen.Cli.Common;

internal static class DateOption
{
    /// <summary>
    /// Support status depends on the day; --date makes a plan reproducible (and lets a team ask how it will look
    /// on the day of the cutover).
    /// </summary>
    public static Option<DateOnly> Create() => new("--date")
    {
        Description = "judge EKS support as of this date, yyyy-MM-dd (default: today, UTC)",
        DefaultValueFactory = _ => DateOnly.FromDateTime(DateTime.UtcNow),
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

    public static SettingsContext Context(DateOnly date) => new(VersionCatalog.Embedded, date);
}
