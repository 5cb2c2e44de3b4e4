using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Finance;

public sealed record NewPlan(Guid? ProductId, string? Kind, int? RateBps, IReadOnlyList<Guid>? CreatorIds);

/// <summary>Affiliate plans (优选联盟): merchants offer products, creators join, orders they bring earn commission.</summary>
public sealed class AffiliateDesk(SprigDb db, TimeProvider clock)
{
    public async Task<AffiliatePlan> CreateAsync(Shop shop, NewPlan req, CancellationToken ct = default)
    {
        AffiliatePlanKind kind = default;
        new Validator()
            .Require(req.ProductId is not null, "productId", "is required")
            .Require(req.Kind is not null && Enum.TryParse(req.Kind, true, out kind) && Enum.IsDefined(kind), "kind", "must be open, targeted or exclusive")
            .Require(req.RateBps is not null, "rateBps", "is required")
            .Require(req.RateBps is null or (>= 0 and <= AffiliatePlan.MaxRateBps), "rateBps", "must be between 0 and 9000 (0–90% of the line's paid amount)")
            .Require(req.CreatorIds is null || req.CreatorIds.Count <= 100, "creatorIds", "at most 100 creators")
            .ThrowIfInvalid();
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == req.ProductId, ct);
        if (product is null || product.ShopId != shop.Id) throw SprigException.Validation("productId", "is not a product of this shop");
        var creators = req.CreatorIds ?? [];
        if (creators.Count > 0)
        {
            var known = await db.Users.CountAsync(u => creators.Contains(u.Id) && (u.Roles & Role.Creator) != 0, ct);
            if (known != creators.Distinct().Count()) throw SprigException.Validation("creatorIds", "names someone who is not a creator");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var active = await db.AffiliatePlans.Where(p => p.ProductId == product.Id && p.EndedAt == null).Select(p => p.Kind).ToListAsync(ct);
        if (active.Contains(AffiliatePlanKind.Exclusive))
            throw SprigException.InvalidState("The product has an exclusive plan; end it first.");
        if (kind == AffiliatePlanKind.Exclusive && active.Count > 0)
            throw SprigException.InvalidState("An exclusive plan excludes open and targeted plans; end them first.");
        if (kind == AffiliatePlanKind.Targeted && !active.Contains(AffiliatePlanKind.Open))
            throw SprigException.InvalidState("A targeted plan needs an open plan for the product first.");
        if (kind == AffiliatePlanKind.Open && active.Contains(AffiliatePlanKind.Open))
            throw SprigException.InvalidState("The product already has an open plan; change its rate instead.");

        var plan = AffiliatePlan.Create(shop.Id, product.Id, kind, req.RateBps!.Value, creators, clock.GetUtcNow());
        db.AffiliatePlans.Add(plan);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return plan;
    }

    public async Task<AffiliatePlan> ChangeRateAsync(Shop shop, Guid planId, int? rateBps, CancellationToken ct = default)
    {
        new Validator().Require(rateBps is not null, "rateBps", "is required").ThrowIfInvalid();
        var plan = await OwnedAsync(shop, planId, ct);
        plan.ChangeRate(rateBps!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<AffiliatePlan> EndAsync(Shop shop, Guid planId, CancellationToken ct = default)
    {
        var plan = await OwnedAsync(shop, planId, ct);
        plan.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return plan;
    }

    public async Task<CreatorPromotion> JoinAsync(Guid planId, Guid creatorId, Guid? agencyId, int? agencyRateBps, CancellationToken ct = default)
    {
        new Validator()
            .Require(agencyRateBps is null or (>= 0 and <= CreatorPromotion.MaxAgencyRateBps), "agencyRateBps", "must be between 0 and 9000 (0–90% of the commission)")
            .Require(agencyRateBps is null or 0 || agencyId is not null, "agencyId", "is required with an agency rate")
            .ThrowIfInvalid();
        var creator = await db.Users.FirstAsync(u => u.Id == creatorId, ct);
        if (!creator.Roles.HasFlag(Role.Creator)) throw SprigException.Forbidden("Only creators join affiliate plans (POST /api/me/creator).");
        var plan = await db.AffiliatePlans.FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw SprigException.NotFound("Plan");
        if (!plan.IsActive) throw SprigException.InvalidState("The plan has ended.");
        if (!plan.IsFor(creatorId)) throw SprigException.Forbidden("This plan is for other creators.");
        if (agencyId is { } a && !await db.Users.AnyAsync(u => u.Id == a, ct)) throw SprigException.Validation("agencyId", "no such account");
        var existing = await db.CreatorPromotions.FirstOrDefaultAsync(p => p.PlanId == planId && p.CreatorId == creatorId, ct);
        if (existing is not null) return existing;
        var promotion = new CreatorPromotion
        {
            Id = Ids.New(), PlanId = plan.Id, ProductId = plan.ProductId, CreatorId = creatorId, AgencyId = agencyId,
            AgencyRateBps = agencyRateBps ?? 0, JoinedAt = clock.GetUtcNow(),
        };
        db.CreatorPromotions.Add(promotion);
        await db.SaveChangesAsync(ct);
        return promotion;
    }

    private async Task<AffiliatePlan> OwnedAsync(Shop shop, Guid planId, CancellationToken ct)
    {
        var plan = await db.AffiliatePlans.FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw SprigException.NotFound("Plan");
        if (plan.ShopId != shop.Id) throw SprigException.NotFound("Plan");
        return plan;
    }

    /// <summary>
    /// The commission orders for new orders a creator brought, with rates snapshotted now: a line earns commission
    /// when its creator promotes its product under an active plan. Runs inside the checkout batch.
    /// </summary>
    public static async Task<List<CommissionOrder>> ForNewOrdersAsync(SprigDb db, IReadOnlyList<Order> orders, DateTimeOffset now, CancellationToken ct)
    {
        var attributed = orders.Where(o => o.CreatorId is not null).ToList();
        if (attributed.Count == 0) return [];
        var creators = attributed.Select(o => o.CreatorId!.Value).Distinct().ToArray();
        var products = attributed.SelectMany(o => o.Lines.Select(l => l.ProductId)).Distinct().ToArray();
        var promotions = await db.CreatorPromotions.AsNoTracking()
            .Where(p => creators.Contains(p.CreatorId) && products.Contains(p.ProductId))
            .Join(db.AffiliatePlans.Where(plan => plan.EndedAt == null), p => p.PlanId, plan => plan.Id, (p, plan) => new { p, plan })
            .ToListAsync(ct);
        var commissions = new List<CommissionOrder>();
        foreach (var order in attributed)
        {
            foreach (var line in order.Lines)
            {
                // several plans may cover the product for this creator: the best rate for them wins
                var best = promotions.Where(x => x.p.CreatorId == order.CreatorId && x.p.ProductId == line.ProductId)
                    .Select(x => (x.p, x.plan, Rate: x.plan.RateFor(x.p.JoinedAt, now)))
                    .OrderByDescending(x => x.Rate).FirstOrDefault();
                if (best.p is null) continue;
                commissions.Add(new CommissionOrder
                {
                    Id = Ids.New(), OrderId = order.Id, LineId = line.Id, ShopId = order.ShopId, CreatorId = best.p.CreatorId,
                    AgencyId = best.p.AgencyId, PlanId = best.plan.Id, RateBps = best.Rate, AgencyRateBps = best.p.AgencyRateBps,
                    Status = CommissionStatus.Unsettled, CreatedAt = now,
                });
            }
        }
        return commissions;
    }
}
