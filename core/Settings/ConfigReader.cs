using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// Typed reads over a <see cref="StackConfig"/> that record a problem instead of stopping, so one pass
/// reports every bad key. Each read returns null when the value is missing or unusable.
/// </summary>
internal sealed class ConfigReader(StackConfig config)
{
    private readonly List<Problem> problems = [];

    public IReadOnlyList<Problem> Problems => problems;

    public bool HasError(string key) => problems.Any(p => p.IsError && p.Key == key);

    public void Error(string code, string key, string? value, string message) => Add(Problem.Error(code, key, value, message));

    public void Warning(string code, string key, string? value, string message) => Add(Problem.Warning(code, key, value, message));


    /// <summary>Records a problem; the value of a secret key is never shown, in a terminal or in Pulumi's log.</summary>
    public void Add(Problem problem)
    {
        // A secret the CLI cannot read is set, not missing: the secret problem already says what to do.
        if (problem.Code == ProblemCodes.Required && problems.Any(p => p.Code == ProblemCodes.SecretNotAllowed && p.Key == problem.Key))
        {
            return;
        }

        problems.Add(config.IsSecret(problem.Key) && problem.Value is not null ? problem with { Value = HiddenSecret } : problem);
    }

    /// <summary>What stands for a secret value in problems, as <c>pulumi stack output</c> shows one.</summary>
    public const string HiddenSecret = "[secret]";

    public string? String(string key, bool required, string example)
    {
        // Every setting names resources, tags or outputs, decides what is declared, or is read by the CLI, which cannot
        // decrypt: none may be a secret, and saying so beats failing later on a value nobody can see.
        if (config.IsSecret(key))
        {
            Error(ProblemCodes.SecretNotAllowed, key, null, $"is a secret (secure:) but must be plain text: it shapes what is declared and what other tools read; set it with pulumi config set {key} (without --secret)");
        }

        if (!config.Values.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Error(ProblemCodes.Required, key, null, $"is required (for example {key}: {example})");
            }

            return null;
        }

        return value.Trim();
    }

    /// <summary>A structured value: Pulumi passes objects and lists to programs as JSON text.</summary>
    public JsonNode? Json(string key, bool required, string example)
    {
        var text = String(key, required, example);
        if (text is null)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            Error(ProblemCodes.NotStructured, key, text, $"must be a structured value (for example {example})");
            return null;
        }

        // A key set to null (JSON null) says no more than a missing key does.
        if (node is null && required)
        {
            Error(ProblemCodes.Required, key, text, $"is required (for example {key}: {example})");
        }

        return node;
    }

    public int? Int(string key, bool required, int min, int max, string example)
    {
        var text = String(key, required, example);
        return text is null ? null : IntFrom(JsonValue.Create(text), key, min, max);
    }

    /// <summary>
    /// An integer from a JSON value; numeric strings count, because <c>pulumi config set --path</c> stores
    /// what it is given as a string unless told otherwise.
    /// </summary>
    public int? IntFrom(JsonNode? node, string key, int min, int max)
    {
        if (node is null)
        {
            Error(ProblemCodes.Required, key, null, $"is required (a whole number from {min} to {max})");
            return null;
        }

        int? number = node.GetValueKind() switch
        {
            JsonValueKind.Number when node.AsValue().TryGetValue<int>(out var n) => n,
            JsonValueKind.String when int.TryParse(node.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };

        if (number is null)
        {
            Error(ProblemCodes.WrongType, key, Show(node), $"must be a whole number from {min} to {max}");
            return null;
        }

        if (number < min || number > max)
        {
            Error(ProblemCodes.OutOfRange, key, Show(node), $"must be from {min} to {max}");
            return null;
        }

        return number;
    }

    public string? StringFrom(JsonNode? node, string key, bool required)
    {
        if (node is null)
        {
            if (required)
            {
                Error(ProblemCodes.Required, key, null, "is required");
            }

            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>()))
        {
            Error(ProblemCodes.WrongType, key, Show(node), "must be a non-empty string");
            return null;
        }

        return node.GetValue<string>().Trim();
    }

    /// <summary>Warns about fields of an object that nothing reads: most often a typo of one that is.</summary>
    public void WarnUnknownFields(JsonObject obj, string key, IReadOnlyCollection<string> known)
    {
        foreach (var (name, value) in obj)
        {
            if (!known.Contains(name))
            {
                Warning(ProblemCodes.UnknownField, $"{key}.{name}", value is null ? null : Show(value), $"is not a known field{Suggestion.For(name, known)}; it is ignored");
            }
        }
    }

    /// <summary>How a value is shown back to the user: strings without JSON quotes, everything else as JSON.</summary>
    public static string Show(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
}
