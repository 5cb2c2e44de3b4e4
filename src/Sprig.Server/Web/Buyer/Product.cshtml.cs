using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Promotions;
using Sprig.Server.Endpoints;
using Sprig.Server.Web.Shared;
using Sprig.Social;

namespace Sprig.Server.Web.Buyer;

/// <summary>A product: SKU picker with stock, the flash sale and its countdown, campaign prices, the coupons to claim, like, share, follow the shop.</summary>
public sealed class ProductModel(ProductDesk products, SprigDb db, SocialReads social, TimeProvider clock) : WebPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    public Product? Product { get; private set; }
    public FlashSale? Flash { get; private set; }
    public List<CampaignPriceDto> Campaigns { get; private set; } = [];
    public List<ClaimableCoupon> Coupons { get; private set; } = [];
    public OrderTrail Trail { get; private set; } = new(null, null, null, null);
    public string? ShopName { get; private set; }
    public LikeButton Like { get; private set; } = null!;
    public ShareButton Share { get; private set; } = null!;
    public FollowButton Follow { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public Guid DefaultSku { get; private set; }
    public long RegularMin { get; private set; }
    public long ShownPrice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Product = await products.GetAsync(Id, ct);
        var me = SignedIn ? Me : (Guid?)null;
        if (Product.Status != ProductStatus.Listed && !(IsOperator || await db.Shops.AnyAsync(s => s.Id == Product.ShopId && s.OwnerId == me, ct)))
            throw SprigException.NotFound("Product");
        Trail = OrderTrail.From(Request.Query);
        await social.ClickedAsync(me, Trail.Imp, Trail.Cid is null ? "click" : "view", ct);

        Now = clock.GetUtcNow();
        Flash = await db.FlashSales.AsNoTracking()
            .Where(f => f.ProductId == Id && f.Status == PromotionStatus.Active && f.StartsAt <= Now && f.EndsAt > Now && f.Sold < f.Quota)
            .OrderBy(f => f.EndsAt).FirstOrDefaultAsync(ct);
        Campaigns = await db.CampaignEntries.AsNoTracking().Where(e => e.ProductId == Id && e.Status == EntryStatus.Approved)
            .Join(db.Campaigns.AsNoTracking().Where(c => c.Status == PromotionStatus.Active && c.StartsAt <= Now && c.EndsAt > Now), e => e.CampaignId, c => c.Id,
                (e, c) => new CampaignPriceDto(c.Id, c.Name, e.SkuId, e.Price, c.SubsidyBps, c.StartsAt, c.EndsAt))
            .Take(5).ToListAsync(ct);

        // the shop's coupons for this product and the platform's cross-shop ones, claimable now
        var shopId = Product.ShopId;
        var coupons = (await db.Coupons.AsNoTracking()
            .Where(c => (c.ShopId == shopId || c.ShopId == null) && c.Status == PromotionStatus.Active && c.ClaimFrom <= Now && c.ClaimTo > Now && c.Claimed < c.TotalQuantity)
            .OrderBy(c => c.ShopId == null).ThenByDescending(c => c.Id).Take(20).ToListAsync(ct)).Where(c => c.AppliesTo(Id)).ToList();
        Coupons = await CouponsModel.WithHeldAsync(db, me, coupons, ct);

        RegularMin = Product.Skus.Count == 0 ? 0 : Product.Skus.Min(s => s.Price);
        var lowest = new List<long> { RegularMin };
        if (Flash is not null) lowest.Add(Flash.Price);
        lowest.AddRange(Campaigns.Select(c => c.Price));
        ShownPrice = lowest.Min();
        DefaultSku = Flash?.SkuId ?? Product.Skus.FirstOrDefault(s => s.Stock > 0)?.Id ?? Guid.Empty;

        ShopName = await social.ShopNameAsync(shopId, ct);
        Like = await social.LikeAsync(me, SignalTarget.Product, Id, ct);
        Share = await social.ShareAsync(SignalTarget.Product, Id, ct);
        Follow = await social.FollowAsync(me, FollowTarget.Shop, shopId, ct);
        return Page();
    }
}
