using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Server.Jobs;

/// <summary>
/// Once the node listens, it renders its own entry pages and, with the demo, one crowd buyer's recommended tab (as
/// the crowd does whenever the clock moves), so the first visitor's page is not the one that compiles the views and
/// JITs the feed: on the project's machines that first page took 0.5–1.5 s cold and a third of a second warm.
/// Best effort: a failure is logged and the node serves anyway.
/// </summary>
public sealed class WarmUp(IServer server, IHostApplicationLifetime lifetime, IServiceProvider services, IConfiguration config, ILogger<WarmUp> log)
    : BackgroundService
{
    private static readonly string[] Pages = ["/", "/signin", "/signup"];

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stop);
        // a test server has no address to call; a wildcard address is called on loopback
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return;
        try
        {
            if (config.GetValue("Sprig:Demo", true))
            {
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
                var crowd = await db.Users.Where(u => u.Email.StartsWith("crowd01")).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(stop);
                if (crowd is { } buyer) await services.GetRequiredService<Sprig.Distribution.Feed>().ServeAsync(buyer, "recommended", 20, stop);
            }
            using var http = new HttpClient { BaseAddress = new Uri(address.Replace("://*", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1")) };
            foreach (var page in Pages) using (await http.GetAsync(page, stop)) { }
            log.LogDebug("Warmed up: {Pages}", string.Join(", ", Pages));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Warm-up failed; the node serves anyway");
        }
    }
}
