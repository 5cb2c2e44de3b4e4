using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Sprig.Accounts;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Demo;
using Sprig.Server.Jobs;

namespace Sprig.Server;

/// <summary>
/// The jobs an operator scripts: <c>operator add</c>, <c>migrate</c>, <c>seed-demo</c>, <c>seed-feed</c>. Anything else on the command
/// line starts the server. Configuration flags (<c>--Sprig:Database:Provider=postgres</c>, ...) work for both.
/// </summary>
public static class Cli
{
    private static readonly string[] Commands = ["operator", "migrate", "seed-demo", "seed-feed", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        // configuration flags (--Key=value) go to the host; the rest is the command
        var config = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray();
        var command = args.Except(config).ToArray();

        var root = new RootCommand("Sprig: social commerce. Without a command, serves the API on 127.0.0.1.");

        var email = new Option<string>("--email") { Required = true, Description = "the operator's email" };
        var password = new Option<string>("--password") { Required = true, Description = "at least 8 characters" };
        var name = new Option<string>("--name") { Description = "display name", DefaultValueFactory = _ => "Operator" };
        var add = new Command("add", "Create an operator account, or give an existing account the operator role.") { email, password, name };
        add.SetAction(async (r, ct) => await WithServicesAsync(config, async sp =>
        {
            var db = sp.GetRequiredService<SprigDb>();
            var normalized = Accounts.Accounts.Normalize(r.GetValue(email)!);
            var existing = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
            if (existing is not null)
            {
                existing.Roles |= Role.Operator;
                await db.SaveChangesAsync(ct);
                AnsiConsole.MarkupLineInterpolated($"[green]{existing.Email}[/] is now an operator.");
                return 0;
            }
            var user = await sp.GetRequiredService<Accounts.Accounts>().RegisterAsync(normalized, r.GetValue(password), r.GetValue(name), Role.Operator, ct);
            AnsiConsole.MarkupLineInterpolated($"Operator [green]{user.Email}[/] created ({user.Id}).");
            return 0;
        }));
        root.Add(new Command("operator", "Manage operator accounts.") { add });

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction(async (_, ct) => await WithServicesAsync(config, _ => Task.FromResult(0)));
        root.Add(migrate);

        var seed = new Command("seed-demo", "Seed the demo accounts, shop and products (once per database).");
        seed.SetAction(async (_, ct) => await WithServicesAsync(config, async sp =>
        {
            var seeded = await sp.GetRequiredService<DemoData>().SeedAsync(ct);
            AnsiConsole.MarkupLine(seeded ? "[green]Demo data seeded.[/]" : "Demo data was already there.");
            return 0;
        }));
        root.Add(seed);

        var items = new Option<int>("--items") { DefaultValueFactory = _ => 1_000_000, Description = "feed items (videos, posts, products)" };
        var buyers = new Option<int>("--buyers") { DefaultValueFactory = _ => 100_000, Description = "buyers" };
        var edges = new Option<long>("--edges") { DefaultValueFactory = _ => 10_000_000, Description = "social edges: friendships, follows, likes, shares" };
        var seedFeed = new Command("seed-feed", "Generate a large social world (shops, feed items, buyers, social edges) for load tests and benchmarks.") { items, buyers, edges };
        seedFeed.SetAction(async (r, ct) => await WithServicesAsync(config, async sp =>
        {
            var size = new FeedWorldSize(r.GetValue(items), r.GetValue(buyers), r.GetValue(edges));
            await FeedSeeder.RunAsync(sp.GetRequiredService<IDbContextFactory<SprigDb>>(), size, sp.GetRequiredService<TimeProvider>(), ct);
            AnsiConsole.MarkupLineInterpolated($"[green]Seeded[/] {size.Items:N0} items, {size.Buyers:N0} buyers, {size.Edges:N0} edges.");
            return 0;
        }));
        root.Add(seedFeed);

        return await root.Parse(command).InvokeAsync();
    }

    private static async Task<int> WithServicesAsync(string[] config, Func<IServiceProvider, Task<int>> work)
    {
        var app = SprigHost.Build(config);
        try
        {
            await AnsiConsole.Status().StartAsync("Migrating the database…", _ => StartupTasks.MigrateAsync(app.Services));
            using var scope = app.Services.CreateScope();
            return await work(scope.ServiceProvider);
        }
        catch (SprigException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Code}[/]: {ex.Message}");
            if (ex.Errors is not null)
                foreach (var (field, messages) in ex.Errors) AnsiConsole.MarkupLineInterpolated($"  {field}: {string.Join("; ", messages)}");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
