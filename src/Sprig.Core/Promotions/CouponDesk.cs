using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Promotions;

public sealed record NewCoupon(
    string? Kind, long? Threshold, long? Amount, int? Percent, int? TotalQuantity, int? PerBuyerLimit,
    DateTimeOffset? ClaimFrom, DateTimeOffset? ClaimTo, int? ValidDays, long? Budget,
    IReadOnlyList<Guid>? ProductIds = null, Guid? CampaignId = null);

public sealed record CouponChange(int? TotalQuantity, int? PerBuyerLimit, DateTimeOffset? ClaimTo);

/// <summary>Coupons: shops and the operator issue them, buyers claim them, never more than there are.</summary>
public sealed class CouponDesk(SprigDb db, TimeProvider clock)
{
    public const int MaxQuantity = 10_000_000;

    public Task<Coupon> CreateForShopAsync(Shop shop, NewCoupon req, CancellationToken ct = default)
    {
        shop.RequireOpen();
        return CreateAsync(shop.Id, CouponFunding.Shop, req, ct);
    }

    public Task<Coupon> CreateForPlatformAsync(NewCoupon req, CancellationToken ct = default) =>
        CreateAsync(null, CouponFunding.Platform, req, ct);

    private async Task<Coupon> CreateAsync(Guid? shopId, CouponFunding funding, NewCoupon req, CancellationToken ct)
    {
        CouponKind kind = default;
        var v = new Validator()
            .Require(req.Kind is not null && Enum.TryParse(req.Kind, true, out kind) && Enum.IsDefined(kind), "kind", "must be threshold, direct, percent or quantity")
            .Require(req.TotalQuantity is >= 1 and <= MaxQuantity, "totalQuantity", $"must be between 1 and {MaxQuantity}")
            .Require(req.PerBuyerLimit is >= 1 and <= 100, "perBuyerLimit", "must be between 1 and 100")
            .Require(req.ClaimFrom is not null, "claimFrom", "is required")
            .Require(req.ClaimTo is not null, "claimTo", "is required")
            .Require(req.ClaimFrom is null || req.ClaimTo is null || req.ClaimTo > req.ClaimFrom, "claimTo", "must be after claimFrom")
            .Require(req.ValidDays is null or (>= 1 and <= 365), "validDays", "must be between 1 and 365");
        if (v.Ok) Coupon.Check(v, funding, kind, req.Threshold, req.Amount, req.Percent);
        if (funding == CouponFunding.Platform)
            v.Require(req.CampaignId is not null ? req.Budget is null : req.Budget is > 0 and <= 100_000_000_000, "budget",
                    req.CampaignId is not null ? "a campaign's coupon draws on the campaign's budget" : "must be more than 0 fen")
             .Require(req.ProductIds is null, "productIds", "platform coupons apply across shops");
        else
            v.Require(req.Budget is null, "budget", "only platform coupons draw on a budget")
             .Require(req.CampaignId is null, "campaignId", "only platform coupons belong to a campaign")
             .Require(req.ProductIds is null || req.ProductIds.Count is >= 1 and <= 100, "productIds", "between 1 and 100 products, or none for the whole shop");
        v.ThrowIfInvalid();

        var productIds = req.ProductIds?.Distinct().ToList();
        if (productIds is not null)
        {
            var ours = await db.Products.CountAsync(p => productIds.Contains(p.Id) && p.ShopId == shopId, ct);
            if (ours != productIds.Count) throw SprigException.Validation("productIds", "every product must be one of this shop's");
        }
        var now = clock.GetUtcNow();
        SubsidyBudget? budget = null;
        Guid? budgetId = null;
        if (req.CampaignId is { } campaignId)
        {
            var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw SprigException.NotFound("Campaign");
            if (campaign.Status == PromotionStatus.Ended) throw SprigException.InvalidState("The campaign has ended.");
            budgetId = campaign.BudgetId;
        }
        else if (funding == CouponFunding.Platform)
        {
            budget = new SubsidyBudget { Id = Ids.New(), Name = $"{kind} coupon", Total = req.Budget!.Value, CreatedAt = now };
            db.SubsidyBudgets.Add(budget);
            budgetId = budget.Id;
        }
        var coupon = new Coupon
        {
            Id = Ids.New(), ShopId = shopId, Funding = funding, Kind = kind, Threshold = req.Threshold ?? 0, Amount = req.Amount ?? 0,
            Percent = req.Percent ?? 0, TotalQuantity = req.TotalQuantity!.Value, PerBuyerLimit = req.PerBuyerLimit!.Value,
            ClaimFrom = req.ClaimFrom!.Value, ClaimTo = req.ClaimTo!.Value, ValidDays = req.ValidDays, BudgetId = budgetId, CampaignId = req.CampaignId,
            ProductIds = productIds, CreatedAt = now,
        };
        db.Coupons.Add(coupon);
        await db.SaveChangesAsync(ct);
        return coupon;
    }

    /// <summary>
    /// Claims one. The quantity is guarded by a conditional update of the coupon's counter; the per-buyer limit by
    /// a unique (coupon, buyer, ordinal) key, so racing claims of one buyer cannot pass it either.
    /// </summary>
    public async Task<BuyerCoupon> ClaimAsync(Guid couponId, Guid buyerId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var coupon = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == couponId, ct) ?? throw SprigException.NotFound("Coupon");
        if (coupon.Status != PromotionStatus.Active || now < coupon.ClaimFrom || now >= coupon.ClaimTo)
            throw new SprigException(409, "coupon_unavailable", "The coupon cannot be claimed now.");
        var held = await db.BuyerCoupons.CountAsync(b => b.CouponId == couponId && b.BuyerId == buyerId, ct);
        if (held >= coupon.PerBuyerLimit)
            throw new SprigException(409, "limit_reached", $"At most {coupon.PerBuyerLimit} of this coupon per buyer.");
        var taken = await db.Coupons.Where(c => c.Id == couponId && c.Claimed < c.TotalQuantity)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Claimed, c => c.Claimed + 1), ct);
        if (taken == 0) throw new SprigException(409, "coupon_exhausted", "All of this coupon have been claimed.");

        var claimed = new BuyerCoupon
        {
            Id = Ids.New(), CouponId = couponId, BuyerId = buyerId, Ordinal = held + 1, ClaimedAt = now, ExpiresAt = coupon.ExpiresAfterClaimAt(now),
        };
        db.BuyerCoupons.Add(claimed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // the same buyer's racing claim took this ordinal; the counter moves back with the rollback
            throw new SprigException(409, "limit_reached", $"At most {coupon.PerBuyerLimit} of this coupon per buyer.");
        }
        await tx.CommitAsync(ct);
        return claimed;
    }

    /// <summary>Issued for a shop (null: the platform's); anyone else's is not found.</summary>
    public async Task<Coupon> GetAsync(Guid? shopId, Guid couponId, CancellationToken ct = default) =>
        await db.Coupons.FirstOrDefaultAsync(c => c.Id == couponId && c.ShopId == shopId, ct) ?? throw SprigException.NotFound("Coupon");

    /// <summary>More or fewer coupons (never fewer than claimed), another per-buyer limit, a later or earlier claim end.</summary>
    public async Task<Coupon> ChangeAsync(Guid? shopId, Guid couponId, CouponChange change, CancellationToken ct = default)
    {
        var coupon = await GetAsync(shopId, couponId, ct);
        if (coupon.Status == PromotionStatus.Ended) throw SprigException.InvalidState("The coupon has ended.");
        new Validator()
            .Require(change.TotalQuantity is null or (>= 1 and <= MaxQuantity), "totalQuantity", $"must be between 1 and {MaxQuantity}")
            .Require(change.PerBuyerLimit is null or (>= 1 and <= 100), "perBuyerLimit", "must be between 1 and 100")
            .Require(change.ClaimTo is null || change.ClaimTo > coupon.ClaimFrom, "claimTo", "must be after claimFrom")
            .ThrowIfInvalid();
        if (change.TotalQuantity is { } total)
        {
            // conditional, so a claim racing this change cannot leave more claimed than there are
            var moved = await db.Coupons.Where(c => c.Id == couponId && c.Claimed <= total)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.TotalQuantity, total).SetProperty(c => c.Version, c => c.Version + 1), ct);
            if (moved == 0) throw SprigException.Validation("totalQuantity", "cannot be less than the coupons already claimed");
            await db.Entry(coupon).ReloadAsync(ct);
        }
        if (change.PerBuyerLimit is { } limit) coupon.PerBuyerLimit = limit;
        if (change.ClaimTo is { } claimTo) coupon.ClaimTo = claimTo;
        await db.SaveChangesAsync(ct);
        return coupon;
    }

    /// <summary>
    /// Pause stops claims and use; resume restarts them; end stops them for good. Coupons already used stay on
    /// their orders.
    /// </summary>
    public async Task<Coupon> MoveAsync(Guid? shopId, Guid couponId, PromotionStatus to, CancellationToken ct = default)
    {
        var coupon = await GetAsync(shopId, couponId, ct);
        coupon.Status = PromotionStatuses.Move(coupon.Status, to, "coupon");
        await db.SaveChangesAsync(ct);
        return coupon;
    }
}
