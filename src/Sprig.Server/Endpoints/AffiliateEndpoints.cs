using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record RateRequest(int? RateBps);
public sealed record JoinRequest(Guid? AgencyId, int? AgencyRateBps);
public sealed record PlanDto(Guid Id, Guid ShopId, Guid ProductId, AffiliatePlanKind Kind, int RateBps, int? ProtectedRateBps, DateTimeOffset? RateCutAt,
    IReadOnlyList<string> CreatorIds, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt)
{
    public static PlanDto From(AffiliatePlan p) => new(p.Id, p.ShopId, p.ProductId, p.Kind, p.RateBps, p.ProtectedRateBps, p.RateCutAt,
        p.CreatorIds?.Split(',') ?? [], p.IsActive, p.CreatedAt, p.EndedAt);
}
public sealed record PromotionDto(Guid Id, Guid PlanId, Guid ProductId, Guid CreatorId, Guid? AgencyId, int AgencyRateBps, DateTimeOffset JoinedAt);
public sealed record CommissionDto(Guid Id, Guid OrderId, Guid LineId, Guid ShopId, Guid CreatorId, Guid? AgencyId, int RateBps, int AgencyRateBps,
    CommissionStatus Status, string Currency, long Commission, long AgencyShare, long Returned, DateTimeOffset CreatedAt, DateTimeOffset? SettledAt)
{
    public static CommissionDto From(CommissionOrder c) => new(c.Id, c.OrderId, c.LineId, c.ShopId, c.CreatorId, c.AgencyId, c.RateBps, c.AgencyRateBps,
        c.Status, Money.Currency, c.Commission, c.AgencyShare, c.Returned, c.CreatedAt, c.SettledAt);
}

public static class AffiliateEndpoints
{
    public static void MapAffiliateEndpoints(this RouteGroupBuilder api)
    {
        var shop = api.MapGroup("/shops/{shopId:guid}/affiliate-plans").RequireAuthorization().WithTags("Affiliates");
        shop.MapPost("/", async (Guid shopId, NewPlan req, HttpContext http, ShopDesk shops, AffiliateDesk desk, CancellationToken ct) =>
        {
            var plan = await desk.CreateAsync(await shops.GetOwnedAsync(shopId, http.User.Id(), ct), req, ct);
            return TypedResults.Created($"/api/shops/{shopId}/affiliate-plans/{plan.Id}", PlanDto.From(plan));
        });
        shop.MapGet("/", async (Guid shopId, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            var plans = await db.AffiliatePlans.AsNoTracking().Where(p => p.ShopId == shopId).OrderByDescending(p => p.Id).ToListAsync(ct);
            return TypedResults.Ok(plans.Select(PlanDto.From).ToList());
        });
        shop.MapPut("/{planId:guid}", async (Guid shopId, Guid planId, RateRequest req, HttpContext http, ShopDesk shops, AffiliateDesk desk, CancellationToken ct) =>
            TypedResults.Ok(PlanDto.From(await desk.ChangeRateAsync(await shops.GetOwnedAsync(shopId, http.User.Id(), ct), planId, req.RateBps, ct))));
        shop.MapPost("/{planId:guid}/end", async (Guid shopId, Guid planId, HttpContext http, ShopDesk shops, AffiliateDesk desk, CancellationToken ct) =>
            TypedResults.Ok(PlanDto.From(await desk.EndAsync(await shops.GetOwnedAsync(shopId, http.User.Id(), ct), planId, ct))));

        var creators = api.MapGroup("/affiliate").RequireAuthorization().WithTags("Affiliates");
        creators.MapGet("/plans", async (Guid? productId, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id().ToString();
            var q = db.AffiliatePlans.AsNoTracking().Where(p => p.EndedAt == null);
            if (productId is { } pid) q = q.Where(p => p.ProductId == pid);
            var plans = await q.OrderByDescending(p => p.Id).Take(200).ToListAsync(ct);
            // a creator sees open plans and the plans made for them
            return TypedResults.Ok(plans.Where(p => p.IsFor(Guid.Parse(me))).Select(PlanDto.From).ToList());
        });
        creators.MapPost("/plans/{planId:guid}/join", async (Guid planId, JoinRequest req, HttpContext http, AffiliateDesk desk, CancellationToken ct) =>
        {
            var p = await desk.JoinAsync(planId, http.User.Id(), req.AgencyId, req.AgencyRateBps, ct);
            return TypedResults.Ok(new PromotionDto(p.Id, p.PlanId, p.ProductId, p.CreatorId, p.AgencyId, p.AgencyRateBps, p.JoinedAt));
        });

        api.MapGet("/me/commissions", async (int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var me = http.User.Id();
            var q = db.CommissionOrders.AsNoTracking().Where(c => c.CreatorId == me || c.AgencyId == me);
            return TypedResults.Ok(await q.PageAsync(c => c.Id, limit, cursor, CommissionDto.From, ct));
        }).RequireAuthorization().WithTags("Affiliates");
    }
}
