using BlueGreen.Cli;
using BlueGreen.Cli.Common;

using var interrupts = Interrupts.Listen();
return await BlueGreenCli.RunAsync(args, Console.Out, Console.Error, interrupts);
