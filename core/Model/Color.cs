namespace BlueGreen.Core.Model;

public enum Color
{
    Blue,
    Green,
}

public static class ColorNames
{
    /// <summary>The lower-case name used in stack names, config values, set identifiers and tags.</summary>
    public static string Key(this Color color) => color == Color.Blue ? "blue" : "green";

    public static Color Other(this Color color) => color == Color.Blue ? Color.Green : Color.Blue;

    public static bool TryParse(string? text, out Color color)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "blue":
                color = Color.Blue;
                return true;
            case "green":
                color = Color.Green;
                return true;
            default:
                color = default;
                return false;
        }
    }
}
