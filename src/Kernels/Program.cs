// SourceGen's seed workloads as a command-line program; see Cli/App.cs for the commands.
return SourceGen.Kernels.Cli.App.Run(args, System.Console.Out, System.Console.Error);
