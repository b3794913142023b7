using BlueGreen.Cli.Common;

namespace BlueGreen.Cli.Planning;

/// <summary><c>plan --output json</c> when a stack file is invalid: no plan, only the verdict and every problem.</summary>
internal sealed record InvalidPlanView(string Verdict, IReadOnlyList<string> Blockers, IReadOnlyList<ProblemView> Problems);
