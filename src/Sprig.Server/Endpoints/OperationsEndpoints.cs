using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Platform;
using Sprig.Server.Auth;

namespace Sprig.Server.Endpoints;

public sealed record AdvanceClockRequest(double? Hours);
public sealed record ClockDto(DateTimeOffset Now, int OrdersCancelled, int ReceiptsConfirmed, int AfterSalesMoved, int OrdersSettled, int PromotionsEnded,
    int PoolsPromoted = 0, int PoolsLeftOrganic = 0);
public sealed record SettingChange(long? Value);

public static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        var ops = api.MapGroup("/ops").WithTags("Operations").RequireAuthorization(AuthSetup.OperatorPolicy);

        ops.MapPost("/clock/advance", async (AdvanceClockRequest req, IServiceProvider services, OrderTimers timers, Sprig.Distribution.PoolReview pools, CancellationToken ct) =>
        {
            var clock = services.GetService<ManualClock>()
                ?? throw new SprigException(409, "clock_not_manual", "The server runs on the real clock; start it with --manual-clock to move time.");
            new Validator().Require(req.Hours is > 0 and <= 24 * 366, "hours", "must be more than 0 and at most a year").ThrowIfInvalid();
            var now = clock.Advance(TimeSpan.FromHours(req.Hours!.Value));
            var run = await timers.RunDueAsync(ct);
            // in the demo, the crowd visits its feeds as time passes, so pools have engagement to review
            if (services.GetRequiredService<IConfiguration>().GetValue("Sprig:Demo", true))
                await services.GetRequiredService<Sprig.Server.Demo.DemoCrowd>().VisitAsync(req.Hours.Value, ct);
            var (promoted, organic) = await pools.RunAsync(ct);
            await services.GetRequiredService<Sprig.Analytics.FactDispatcher>().RunAsync(ct, catchUp: true);
            return TypedResults.Ok(new ClockDto(now, run.OrdersCancelled, run.ReceiptsConfirmed, run.AfterSalesMoved, run.OrdersSettled, run.PromotionsEnded,
                promoted, organic));
        });

        ops.MapGet("/clock", (TimeProvider clock) => TypedResults.Ok(new ClockDto(clock.GetUtcNow(), 0, 0, 0, 0, 0)));

        ops.MapGet("/settings", async (PlatformSettings settings, CancellationToken ct) => TypedResults.Ok(await settings.GetNumbersAsync(ct)));

        ops.MapPut("/settings/{key}", async (string key, SettingChange req, PlatformSettings settings, CancellationToken ct) =>
        {
            new Validator().Require(req.Value is >= 1 and <= 100_000, "value", "must be between 1 and 100000").ThrowIfInvalid();
            await settings.SetNumberAsync(key, req.Value!.Value, ct);
            return TypedResults.Ok(await settings.GetNumbersAsync(ct));
        });
    }
}
