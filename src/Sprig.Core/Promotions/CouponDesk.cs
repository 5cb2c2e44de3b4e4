using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Promotions;

public sealed record NewCoupon(
    string? Kind, long? Threshold, long? Amount, int? Percent, int? TotalQuantity, int? PerBuyerLimit,
    DateTimeOffset? ClaimFrom, DateTimeOffset? ClaimTo, int? ValidDays, long? Budget);

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
            v.Require(req.Budget is > 0 and <= 100_000_000_000, "budget", "must be more than 0 fen");
        else
            v.Require(req.Budget is null, "budget", "only platform coupons draw on a budget");
        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        SubsidyBudget? budget = null;
        if (funding == CouponFunding.Platform)
        {
            budget = new SubsidyBudget { Id = Ids.New(), Name = $"{kind} coupon", Total = req.Budget!.Value, CreatedAt = now };
            db.SubsidyBudgets.Add(budget);
        }
        var coupon = new Coupon
        {
            Id = Ids.New(), ShopId = shopId, Funding = funding, Kind = kind, Threshold = req.Threshold ?? 0, Amount = req.Amount ?? 0,
            Percent = req.Percent ?? 0, TotalQuantity = req.TotalQuantity!.Value, PerBuyerLimit = req.PerBuyerLimit!.Value,
            ClaimFrom = req.ClaimFrom!.Value, ClaimTo = req.ClaimTo!.Value, ValidDays = req.ValidDays, BudgetId = budget?.Id, CreatedAt = now,
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
        if (coupon.Status != CouponStatus.Active || now < coupon.ClaimFrom || now >= coupon.ClaimTo)
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
}
