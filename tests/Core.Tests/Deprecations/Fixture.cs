namespace BlueGreen.Core.Tests.Deprecations;

internal static class Fixture
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", "Deprecations", .. parts]);
}
