using BlueGreen.Core.Catalog;

namespace BlueGreen.Core.Settings;

/// <summary>
/// What validation needs beyond the settings themselves. The date is an input, never read from a clock here,
/// because whether a version is supported depends on the day the question is asked.
/// </summary>
public sealed record SettingsContext(VersionCatalog Catalog, DateOnly Today);
