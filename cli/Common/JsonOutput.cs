using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BlueGreen.Cli.Planning;
using BlueGreen.Cli.Scanning;
using BlueGreen.Cli.State;
using BlueGreen.Cli.Validation;
using BlueGreen.Cli.Cutover;
using BlueGreen.Core.Cutover;
using BlueGreen.Core.Deprecations;
using BlueGreen.Core.State;

namespace BlueGreen.Cli.Common;

internal static class JsonOutput
{
    /// <summary>
    /// The one set of JSON conventions for every verb: camelCase names and enum values, no nulls, indented. Types are
    /// described by <see cref="JsonViews"/>, generated at build time, so the output needs no reflection (Native AOT).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // The generic converter needs no code generated at run time, hence one per enum a view holds.
        Converters =
        {
            new JsonStringEnumConverter<ApiStatus>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<RemovalTiming>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<MigrationOutcome>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<CutoverOutcome>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<GateVerdict>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<ApplyFailure>(JsonNamingPolicy.CamelCase),
        },
        TypeInfoResolver = JsonViews.Default,
    };

    /// <summary>The same conventions on one line, for files with one JSON object per line (<c>--events</c>).</summary>
    public static readonly JsonSerializerOptions Lines = new(Options) { WriteIndented = false };

    public static string Serialize<T>(T value) => Serialize(value, Options);

    /// <summary>A type missing from <see cref="JsonViews"/> throws here at its first use: tests of each verb's JSON find it.</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}

/// <summary>Every view a verb writes as JSON, described at build time (names and nulls follow <see cref="JsonOutput.Options"/>).</summary>
[JsonSerializable(typeof(PlanView))]
[JsonSerializable(typeof(InvalidPlanView))]
[JsonSerializable(typeof(ScanOutput.JsonReport))]
[JsonSerializable(typeof(ValidationView))]
[JsonSerializable(typeof(MigrationView))]
[JsonSerializable(typeof(MigrationEventLine))]
[JsonSerializable(typeof(CutoverRunLine))]
[JsonSerializable(typeof(CutoverEventLine))]
[JsonSerializable(typeof(TrafficReport))]
[JsonSerializable(typeof(RetireCommand.RetireReport))]
internal sealed partial class JsonViews : JsonSerializerContext;
