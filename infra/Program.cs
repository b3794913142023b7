using BlueGreen.Infra;
using Pulumi;

return await Deployment.RunAsync(() => StackProgram.RunAsync(
    PulumiConfig.FromEnvironment(), DateOnly.FromDateTime(DateTime.UtcNow), PulumiConfig.SecretKeysFromEnvironment()));
