using Sprig.Server;

if (Cli.IsCommand(args)) return await Cli.RunAsync(args);

var app = SprigHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
