using BlueGreen.Benchmarks;

return args.FirstOrDefault() switch
{
    "scan" => await ScanBenchmark.RunAsync(args[1..]),
    "cutover" => await CutoverBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks -- scan [--manifests N] | cutover [--runs N]");
    return 2;
}
