using BlueGreen.Benchmarks;

return args.FirstOrDefault() switch
{
    "scan" => await ScanBenchmark.RunAsync(args[1..]),
    "scan-child" when args.Length == 3 => await ScanBenchmark.RunChildAsync(args[1], args[2]),
    "corpus" when args.Length == 3 => ScanBenchmark.WriteCorpus(args[1], args[2]),
    "startup" => await StartUpBenchmark.RunAsync(),
    "cutover" => await CutoverBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks -- scan [--objects 1000,10000,100000] | scan-child floor|yamldotnet|fast|strict DIR | corpus OBJECTS DIR | startup | cutover [--runs N]");
    return 2;
}
