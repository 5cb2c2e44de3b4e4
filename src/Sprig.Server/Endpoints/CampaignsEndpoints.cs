using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Promotions;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record CampaignDto(Guid Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int SubsidyBps, Guid BudgetId,
    string Currency, long Budget, long Drawn, PromotionStatus Status)
{
    public static CampaignDto From(Campaign c, SubsidyBudget b) =>
        new(c.Id, c.Name, c.StartsAt, c.EndsAt, c.SubsidyBps, c.BudgetId, Money.Currency, b.Total, b.Drawn, c.Status);
}

public sealed record CampaignEntryDto(Guid Id, Guid CampaignId, Guid ShopId, Guid SkuId, Guid ProductId, string Currency, long Price, long? Floor,
    EntryStatus Status, string? Note, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt)
{
    public static CampaignEntryDto From(CampaignEntry e) =>
        new(e.Id, e.CampaignId, e.ShopId, e.SkuId, e.ProductId, Money.Currency, e.Price, e.Floor, e.Status, e.Note, e.CreatedAt, e.DecidedAt);
}

public sealed record RejectEntryRequest(string? Reason);

public static class CampaignsEndpoints
{
    public static void MapCampaignsEndpoints(this RouteGroupBuilder api)
    {
        var ops = api.MapGroup("/ops").WithTags("Promotions").RequireAuthorization(AuthSetup.OperatorPolicy);

        ops.MapPost("/campaigns", async (NewCampaign req, CampaignDesk desk, SprigDb db, CancellationToken ct) =>
        {
            var campaign = await desk.CreateAsync(req, ct);
            return TypedResults.Created($"/api/campaigns/{campaign.Id}", await DtoAsync(db, campaign, ct));
        });

        ops.MapPatch("/campaigns/{campaignId:guid}", async (Guid campaignId, CampaignChange change, CampaignDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await DtoAsync(db, await desk.ChangeAsync(campaignId, change, ct), ct)));

        foreach (var (action, to) in PromotionActions.All)
        {
            ops.MapPost($"/campaigns/{{campaignId:guid}}/{action}", async (Guid campaignId, CampaignDesk desk, SprigDb db, CancellationToken ct) =>
                TypedResults.Ok(await DtoAsync(db, await desk.MoveAsync(campaignId, to, ct), ct)));
        }

        ops.MapGet("/campaigns/{campaignId:guid}/entries", async (Guid campaignId, string? status, int? limit, string? cursor, SprigDb db, CancellationToken ct) =>
        {
            EntryStatus parsed = default;
            new Validator().Require(status is null || (Enum.TryParse(status, true, out parsed) && Enum.IsDefined(parsed)), "status",
                "must be pending, approved, rejected or withdrawn").ThrowIfInvalid();
            var q = db.CampaignEntries.AsNoTracking().Where(e => e.CampaignId == campaignId);
            if (status is not null) q = q.Where(e => e.Status == parsed);
            return TypedResults.Ok(await q.PageAsync(e => e.Id, limit, cursor, CampaignEntryDto.From, ct));
        });

        ops.MapPost("/campaign-entries/{entryId:guid}/approve", async (Guid entryId, CampaignDesk desk, CancellationToken ct) =>
            TypedResults.Ok(CampaignEntryDto.From(await desk.ApproveAsync(entryId, ct))));

        ops.MapPost("/campaign-entries/{entryId:guid}/reject", async (Guid entryId, RejectEntryRequest req, CampaignDesk desk, CancellationToken ct) =>
            TypedResults.Ok(CampaignEntryDto.From(await desk.RejectAsync(entryId, req.Reason, ct))));

        api.MapGet("/campaigns", async (int? limit, string? cursor, SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var q = db.Campaigns.AsNoTracking().Where(c => c.Status != PromotionStatus.Ended && c.EndsAt > now)
                .Join(db.SubsidyBudgets.AsNoTracking(), c => c.BudgetId, b => b.Id, (c, b) => new { c, b });
            return TypedResults.Ok(await q.PageAsync(x => x.c.Id, limit, cursor, x => CampaignDto.From(x.c, x.b), ct));
        }).WithTags("Promotions");

        api.MapGet("/campaigns/{campaignId:guid}", async (Guid campaignId, CampaignDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await DtoAsync(db, await desk.GetAsync(campaignId, ct), ct))).WithTags("Promotions");

        var shop = api.MapGroup("/shops/{shopId:guid}").WithTags("Promotions").RequireAuthorization();

        shop.MapPost("/campaigns/{campaignId:guid}/entries", async (Guid shopId, Guid campaignId, NewCampaignEntry req, HttpContext http, ShopDesk shops, CampaignDesk desk, CancellationToken ct) =>
        {
            var entry = await desk.EnrolAsync(await shops.GetOwnedAsync(shopId, http.User.Id(), ct), campaignId, req, ct);
            return TypedResults.Created($"/api/shops/{shopId}/campaign-entries/{entry.Id}", CampaignEntryDto.From(entry));
        });

        shop.MapGet("/campaign-entries", async (Guid shopId, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(await db.CampaignEntries.AsNoTracking().Where(e => e.ShopId == shopId).PageAsync(e => e.Id, limit, cursor, CampaignEntryDto.From, ct));
        });

        shop.MapPost("/campaign-entries/{entryId:guid}/withdraw", async (Guid shopId, Guid entryId, HttpContext http, ShopDesk shops, CampaignDesk desk, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(CampaignEntryDto.From(await desk.WithdrawAsync(shopId, entryId, ct)));
        });
    }

    private static async Task<CampaignDto> DtoAsync(SprigDb db, Campaign c, CancellationToken ct) =>
        CampaignDto.From(c, await db.SubsidyBudgets.AsNoTracking().FirstAsync(b => b.Id == c.BudgetId, ct));
}
