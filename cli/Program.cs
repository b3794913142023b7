using BlueGreen.Cli;

return await BlueGreenCli.RunAsync(args, Console.Out, Console.Error);
