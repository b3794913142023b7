namespace BlueGreen.Core.Model;

/// <summary>
/// The stable codes of <see cref="Problem"/>s: what went wrong, independent of the wording, for scripts, CI and
/// tests. The README's problem-code table lists each one; a test holds the two equal.
/// </summary>
public static class ProblemCodes
{
    public const string FileNotFound = "file.not-found";
    public const string FileUnreadable = "file.unreadable";
    public const string FileNotRegular = "file.not-regular";
    public const string FileTooLarge = "file.too-large";
    public const string FileName = "file.name";

    public const string YamlSyntax = "yaml.syntax";
    public const string YamlMultipleDocuments = "yaml.multiple-documents";
    public const string YamlTooDeep = "yaml.too-deep";
    public const string YamlTooLarge = "yaml.too-large";
    public const string YamlAliasCycle = "yaml.alias-cycle";
    public const string YamlComplexKey = "yaml.complex-key";
    public const string YamlConfigNotMapping = "yaml.config-not-mapping";

    public const string Required = "settings.required";
    public const string NotStructured = "settings.not-structured";
    public const string WrongType = "settings.wrong-type";
    public const string OutOfRange = "settings.out-of-range";
    public const string BadFormat = "settings.bad-format";
    public const string SetTwice = "settings.set-twice";
    public const string NoRole = "settings.no-role";
    public const string MixedRoles = "settings.mixed-roles";
    public const string UnknownKey = "settings.unknown-key";
    public const string UnusedKey = "settings.unused-key";
    public const string UnknownField = "settings.unknown-field";
    public const string SecretNotAllowed = "settings.secret";

    public const string ColorStackMismatch = "color.stack-mismatch";
    public const string UnquotedVersion = "version.unquoted";

    public const string CatalogUnknownVersion = "catalog.unknown-version";
    public const string CatalogStale = "catalog.stale";
    public const string CatalogInvalid = "catalog.invalid";

    public const string SupportEnded = "support.ended";
    public const string SupportNotYetReleased = "support.not-yet-released";
    public const string SupportExtended = "support.extended";
    public const string SupportPolicyRejected = "support.policy-rejected";
    public const string SupportEndedInUse = "support.ended-in-use";

    public const string SkewNodeGroupTooOld = "skew.node-group-too-old";
    public const string SkewNodeGroupTooNew = "skew.node-group-too-new";
    public const string SkewKubeProxy = "skew.kube-proxy";

    public const string NodeGroupDuplicateName = "node-group.duplicate-name";
    public const string NodeGroupSizes = "node-group.sizes";

    public const string AddonUnknown = "addon.unknown";
    public const string AddonNotInstalled = "addon.not-installed";
    public const string AddonVersionFormat = "addon.version-format";

    public const string NetworkConflict = "network.conflict";
    public const string NetworkCidrPrefix = "network.cidr-prefix";
    public const string NetworkTooFewSubnets = "network.too-few-subnets";
    public const string NetworkZones = "network.zones";

    public const string AccessDuplicatePrincipal = "access.duplicate-principal";
    public const string AccessServiceLinkedRole = "access.service-linked-role";
    public const string AccessClusterAdminScoped = "access.cluster-admin-scoped";

    public const string RecordOutsideZone = "traffic.record-outside-zone";
    public const string SameStack = "traffic.same-stack";
    public const string StackColorName = "traffic.stack-color-name";
    public const string NoEndpoint = "traffic.no-endpoint";

    public const string InPlaceUpgrade = "lifecycle.in-place-upgrade";
    public const string NodeGroupAway = "lifecycle.node-group-away";
    public const string DeployedInvalid = "lifecycle.deployed-outputs";

    public const string WeightOutOfRange = "weights.out-of-range";
    public const string WeightsAllZero = "weights.all-zero";

    public const string StackUnreadable = "stack.unreadable";
    public const string StackUnexpectedAnswer = "stack.unexpected-answer";
    public const string LeaseUnreadable = "lease.unreadable";
    public const string LeaseNotWritten = "lease.not-written";
    public const string LeaseHeld = "lease.held";
    public const string LeaseUnsupported = "lease.unsupported";

    public const string StepNotANumber = "cutover.step-not-a-number";
    public const string StepsEmpty = "cutover.steps-empty";
    public const string StepOutOfRange = "cutover.step-out-of-range";
    public const string StepsNotRising = "cutover.steps-not-rising";
    public const string StepAboveTotal = "cutover.step-above-total";
    public const string LastStepShort = "cutover.last-step-short";
    public const string BakeNegative = "cutover.bake-negative";
    public const string BakeBelowTtl = "cutover.bake-below-ttl";
    public const string ProbeIntervalRange = "cutover.probe-interval";
    public const string ApplyTimeoutRange = "cutover.apply-timeout";
    public const string ApplyRetriesNegative = "cutover.apply-retries";

    public const string GateStatusCodes = "gate.status-codes";
    public const string GateSuccessRatio = "gate.success-ratio";
    public const string GateWindow = "gate.window";
    public const string GateMaxP95 = "gate.max-p95";
    public const string GateMinSamples = "gate.min-samples";

    public const string OptionColor = "option.color";
    public const string OptionDuration = "option.duration";
    public const string OptionOutOfRange = "option.out-of-range";
    public const string OptionStatusCode = "option.status-code";
    public const string OptionEndpoint = "option.endpoint";
    public const string OptionWrongStackFile = "option.wrong-stack-file";
    public const string OptionRequired = "option.required";
    public const string OptionConflict = "option.conflict";
    public const string OptionUrl = "option.url";

    public const string ClusterUnreadable = "cluster.unreadable";
    public const string VeleroBucketUnknown = "velero.bucket-unknown";

    public const string ChartImageMinor = "catalog.chart-image-minor";

    public const string RefreshSourceUnreadable = "refresh.source-unreadable";
    public const string RefreshSourceInvalid = "refresh.source-invalid";
    public const string RefreshPinKept = "refresh.pin-kept";
    public const string RefreshPinMissing = "refresh.pin-missing";
    public const string RefreshChartRepository = "refresh.chart-repository";

    public const string StateUnknownStrategy = "state.unknown-strategy";
    public const string StateNoStrategy = "state.no-strategy";
    public const string StateWrongDirection = "state.wrong-direction";
    public const string StateUnknownWorkload = "state.unknown-workload";
    public const string StateMixedVeleroModes = "state.mixed-velero-modes";
    public const string StateReadinessRequired = "state.readiness-required";
    public const string StateReadinessTiming = "state.readiness-timing";
    public const string StateOtherMigration = "state.other-migration";

    public const string VeleroNoLocation = "velero.no-location";
    public const string VeleroSourceReadOnly = "velero.source-read-only";
    public const string VeleroTargetWritable = "velero.target-writable";

    public const string StateUnreadableReplicas = "state.unreadable-replicas";
    public const string CommandTimedOut = "command.timed-out";
}
