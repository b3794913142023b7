using BlueGreen.Benchmarks;

return args.FirstOrDefault() switch
{
    "scan" => await ScanBenchmark.RunAsync(args[1..]),
    "scan-child" when args.Length == 3 => await ScanBenchmark.RunChildAsync(args[1], args[2]),
    "noop" => 0,
    "cutover" => await CutoverBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks -- scan [--objects 1000,10000,100000] | cutover [--runs N]");
    return 2;
}
