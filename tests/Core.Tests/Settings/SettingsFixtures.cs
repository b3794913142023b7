using BlueGreen.Core.Catalog;
using BlueGreen.Core.Model;
using BlueGreen.Core.Settings;

namespace BlueGreen.Core.Tests.Settings;

/// <summary>Stack files under Fixtures/Settings, judged on a fixed day so support phases do not drift with the calendar.</summary>
internal static class SettingsFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 21);

    public static SettingsContext Context => new(VersionCatalog.Embedded, Today);

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Settings", relative);

    public static Validated<StackSettings> Load(string relative) => StackFile.Load(PathOf(relative), Context);

    public static Validated<StackSettings> Parse(string stackName, IReadOnlyDictionary<string, string> pulumiConfig) =>
        StackSettingsParser.Parse(new StackConfig(stackName, null, pulumiConfig), Context);

    public static Problem SingleError(this Validated<StackSettings> result, string key) =>
        Assert.Single(result.Errors, p => p.Key == key);
}
