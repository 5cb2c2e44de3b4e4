using Microsoft.EntityFrameworkCore;
using Sprig.Analytics;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record BuyerProfileChange(string? Gender, string? AgeBand, string? CityTier);

public sealed record BuyerProfileDto(string? Gender, string? AgeBand, string? CityTier);

public sealed record DispatchDto(int Dispatched);

public static class AnalyticsEndpoints
{
    public static void MapAnalyticsEndpoints(this RouteGroupBuilder api)
    {
        var shop = api.MapGroup("/shops/{shopId:guid}/analytics").WithTags("Analytics").RequireAuthorization();

        shop.MapGet("/", async (Guid shopId, string? from, string? to, HttpContext http, ShopDesk shops, ShopAnalytics analytics, TimeProvider clock, CancellationToken ct) =>
        {
            await OwnedOrOperatorAsync(shops, shopId, http, ct);
            return TypedResults.Ok(AnalyticsDtos.Shop(await analytics.ReportAsync(shopId, AnalyticsPeriod.Parse(from, to, clock.GetUtcNow()), ct)));
        });

        shop.MapGet("/export/{table}", async (Guid shopId, string table, string? from, string? to, HttpContext http, ShopDesk shops, ShopAnalytics analytics,
            TimeProvider clock, CancellationToken ct) =>
        {
            await OwnedOrOperatorAsync(shops, shopId, http, ct);
            var period = AnalyticsPeriod.Parse(from, to, clock.GetUtcNow());
            new Validator().Require(AnalyticsCsv.ShopTables.Contains(table), "table", $"must be one of {string.Join(", ", AnalyticsCsv.ShopTables)}").ThrowIfInvalid();
            var csv = AnalyticsCsv.Shop(await analytics.ReportAsync(shopId, period, ct), table);
            return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
                $"shop-{table}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv");
        });

        var ops = api.MapGroup("/ops/analytics").WithTags("Analytics").RequireAuthorization(AuthSetup.OperatorPolicy);

        ops.MapGet("/ecosystem", async (string? from, string? to, EcosystemAnalytics analytics, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(AnalyticsDtos.Ecosystem(await analytics.ReportAsync(AnalyticsPeriod.Parse(from, to, clock.GetUtcNow()), ct))));

        ops.MapGet("/ecosystem/export/{table}", async (string table, string? from, string? to, EcosystemAnalytics analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var period = AnalyticsPeriod.Parse(from, to, clock.GetUtcNow());
            new Validator().Require(AnalyticsCsv.EcosystemTables.Contains(table), "table", $"must be one of {string.Join(", ", AnalyticsCsv.EcosystemTables)}").ThrowIfInvalid();
            var csv = AnalyticsCsv.Ecosystem(await analytics.ReportAsync(period, ct), table);
            return Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
                $"ecosystem-{table}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.csv");
        });

        // fold what is waiting now (every node also does it every second), with this node's impression tally written first;
        // for scripts and tests that want the figures at once
        ops.MapPost("/dispatch", async (FactDispatcher dispatcher, Sprig.Distribution.SignalWriter signals, CancellationToken ct) =>
        {
            await signals.FlushAsync(ct);
            return TypedResults.Ok(new DispatchDto(await dispatcher.RunAsync(ct, catchUp: true)));
        });

        var me = api.MapGroup("/me/profile").WithTags("Analytics").RequireAuthorization();
        me.MapGet("/", async (HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var id = http.User.Id();
            var p = await db.BuyerProfiles.AsNoTracking().FirstOrDefaultAsync(x => x.UserId == id, ct);
            return TypedResults.Ok(ProfileOf(p));
        });
        me.MapPut("/", async (BuyerProfileChange req, HttpContext http, SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            Gender gender = default;
            AgeBand age = default;
            CityTier city = default;
            new Validator()
                .Require(req.Gender is null || (Enum.TryParse(req.Gender, true, out gender) && Enum.IsDefined(gender)), "gender", "must be female, male or other (or left out)")
                .Require(req.AgeBand is null || (Enum.TryParse(req.AgeBand, true, out age) && Enum.IsDefined(age)), "ageBand", "must be under18, from18To24, from25To30, from31To40, from41To50 or over50")
                .Require(req.CityTier is null || (Enum.TryParse(req.CityTier, true, out city) && Enum.IsDefined(city)), "cityTier", "must be tier1, newTier1, tier2, tier3, tier4 or tier5")
                .ThrowIfInvalid();
            var id = http.User.Id();
            var p = await db.BuyerProfiles.FirstOrDefaultAsync(x => x.UserId == id, ct);
            if (p is null) db.BuyerProfiles.Add(p = new BuyerProfile { UserId = id });
            p.Gender = req.Gender is null ? null : gender;
            p.AgeBand = req.AgeBand is null ? null : age;
            p.CityTier = req.CityTier is null ? null : city;
            p.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(ProfileOf(p));
        });
        me.MapDelete("/", async (HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var id = http.User.Id();
            await db.BuyerProfiles.Where(x => x.UserId == id).ExecuteDeleteAsync(ct);
            return TypedResults.NoContent();
        });
    }

    private static BuyerProfileDto ProfileOf(BuyerProfile? p) => new(Camel(p?.Gender), Camel(p?.AgeBand), Camel(p?.CityTier));

    private static string? Camel<T>(T? value) where T : struct, Enum => value is { } v ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()) : null;

    /// <summary>A shop's figures are its owner's (and the operator's) alone.</summary>
    private static async Task OwnedOrOperatorAsync(ShopDesk shops, Guid shopId, HttpContext http, CancellationToken ct)
    {
        if (http.User.IsOperator()) await shops.GetAsync(shopId, ct);
        else await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
    }
}
