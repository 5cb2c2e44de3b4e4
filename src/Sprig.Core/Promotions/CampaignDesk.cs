using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Shops;

namespace Sprig.Promotions;

public sealed record NewCampaign(string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? SubsidyBps, long? Budget);

public sealed record CampaignChange(string? Name, DateTimeOffset? EndsAt, long? BudgetTopUp);

public sealed record NewCampaignEntry(Guid? SkuId, long? Price);

/// <summary>
/// Campaigns: the operator runs them (dates, subsidy share, budget), shops enrol SKUs at a campaign price the
/// price floor allows, the operator approves; checkout then sells approved SKUs at the campaign price with
/// the platform's share drawn from the budget (<see cref="CheckoutPromotions"/>).
/// </summary>
public sealed class CampaignDesk(SprigDb db, TimeProvider clock)
{
    public const int MaxSubsidyBps = 5_000;
    public const int PriceFloorDays = 30;

    public async Task<Campaign> CreateAsync(NewCampaign req, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        new Validator()
            .Text(req.Name, "name", 100)
            .Require(req.StartsAt is not null, "startsAt", "is required")
            .Require(req.EndsAt is not null, "endsAt", "is required")
            .Require(req.StartsAt is null || req.EndsAt is null || req.EndsAt > req.StartsAt, "endsAt", "must be after startsAt")
            .Require(req.EndsAt is null || req.EndsAt > now, "endsAt", "must be in the future")
            .Require(req.SubsidyBps is >= 0 and <= MaxSubsidyBps, "subsidyBps", $"must be between 0 and {MaxSubsidyBps} (50%)")
            .Require(req.Budget is >= 0 and <= 100_000_000_000, "budget", "must be between 0 and 100000000000 fen")
            .ThrowIfInvalid();
        var budget = new SubsidyBudget { Id = Ids.New(), Name = req.Name!.Trim(), Total = req.Budget!.Value, CreatedAt = now };
        var campaign = new Campaign
        {
            Id = Ids.New(), Name = req.Name.Trim(), StartsAt = req.StartsAt!.Value, EndsAt = req.EndsAt!.Value, SubsidyBps = req.SubsidyBps!.Value,
            BudgetId = budget.Id, CreatedAt = now,
        };
        db.SubsidyBudgets.Add(budget);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public async Task<Campaign> GetAsync(Guid campaignId, CancellationToken ct = default) =>
        await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw SprigException.NotFound("Campaign");

    /// <summary>Renames, moves the end, or adds money to the budget (a budget only grows: draws may have used it).</summary>
    public async Task<Campaign> ChangeAsync(Guid campaignId, CampaignChange change, CancellationToken ct = default)
    {
        var campaign = await GetAsync(campaignId, ct);
        if (campaign.Status == PromotionStatus.Ended) throw SprigException.InvalidState("The campaign has ended.");
        new Validator()
            .Text(change.Name, "name", 100, required: false)
            .Require(change.EndsAt is null || change.EndsAt > campaign.StartsAt && change.EndsAt > clock.GetUtcNow(), "endsAt", "must be after the start and in the future")
            .Require(change.BudgetTopUp is null or (> 0 and <= 100_000_000_000), "budgetTopUp", "must be more than 0 fen")
            .ThrowIfInvalid();
        if (change.Name is { } name) campaign.Name = name.Trim();
        if (change.EndsAt is { } end) campaign.EndsAt = end;
        if (change.BudgetTopUp is { } topUp)
            await db.SubsidyBudgets.Where(b => b.Id == campaign.BudgetId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Total, b => b.Total + topUp), ct);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public async Task<Campaign> MoveAsync(Guid campaignId, PromotionStatus to, CancellationToken ct = default)
    {
        var campaign = await GetAsync(campaignId, ct);
        campaign.Status = PromotionStatuses.Move(campaign.Status, to, "campaign");
        var now = clock.GetUtcNow();
        if (to == PromotionStatus.Ended && campaign.EndsAt > now) campaign.EndsAt = now;
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>A shop enrols a SKU at a campaign price: below its own price and not above the 30-day price floor.</summary>
    public async Task<CampaignEntry> EnrolAsync(Shop shop, Guid campaignId, NewCampaignEntry req, CancellationToken ct = default)
    {
        shop.RequireOpen();
        var campaign = await GetAsync(campaignId, ct);
        if (campaign.Status == PromotionStatus.Ended || clock.GetUtcNow() >= campaign.EndsAt)
            throw SprigException.InvalidState("The campaign has ended.");
        new Validator()
            .Require(req.SkuId is not null, "skuId", "is required")
            .Require(req.Price is > 0, "price", "must be more than 0 fen")
            .ThrowIfInvalid();
        var sku = await db.Skus.AsNoTracking().FirstOrDefaultAsync(s => s.Id == req.SkuId && s.ShopId == shop.Id, ct)
            ?? throw SprigException.NotFound("SKU");
        if (await db.CampaignEntries.AnyAsync(e => e.CampaignId == campaignId && e.SkuId == sku.Id
                                                  && (e.Status == EntryStatus.Pending || e.Status == EntryStatus.Approved), ct))
            throw new SprigException(409, "already_enrolled", "This SKU is already enrolled in the campaign.");
        var floor = await PriceFloorAsync(sku.Id, ct);
        CheckPrice(req.Price!.Value, sku.Price, floor);

        var entry = new CampaignEntry
        {
            Id = Ids.New(), CampaignId = campaignId, ShopId = shop.Id, SkuId = sku.Id, ProductId = sku.ProductId, Price = req.Price.Value,
            Floor = floor, CreatedAt = clock.GetUtcNow(),
        };
        db.CampaignEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>The operator approves an entry; the floor is checked again, since buyers may have paid less since enrolment.</summary>
    public async Task<CampaignEntry> ApproveAsync(Guid entryId, CancellationToken ct = default)
    {
        var entry = await PendingAsync(entryId, ct);
        var sku = await db.Skus.AsNoTracking().FirstAsync(s => s.Id == entry.SkuId, ct);
        CheckPrice(entry.Price, sku.Price, await PriceFloorAsync(sku.Id, ct));
        entry.Status = EntryStatus.Approved;
        entry.DecidedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<CampaignEntry> RejectAsync(Guid entryId, string? reason, CancellationToken ct = default)
    {
        new Validator().Text(reason, "reason", 200).ThrowIfInvalid();
        var entry = await PendingAsync(entryId, ct);
        entry.Status = EntryStatus.Rejected;
        entry.Note = reason!.Trim();
        entry.DecidedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>A shop takes its SKU out of a campaign (pending or approved).</summary>
    public async Task<CampaignEntry> WithdrawAsync(Guid shopId, Guid entryId, CancellationToken ct = default)
    {
        var entry = await db.CampaignEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.ShopId == shopId, ct) ?? throw SprigException.NotFound("Campaign entry");
        if (entry.Status is not (EntryStatus.Pending or EntryStatus.Approved))
            throw SprigException.InvalidState($"The entry is {entry.Status.ToString().ToLowerInvariant()}.");
        entry.Status = EntryStatus.Withdrawn;
        entry.DecidedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>
    /// The lowest unit price any buyer paid for the SKU in the last 30 days: the line's price after shop-funded
    /// discounts (the platform's subsidies are not the shop's price), per unit, rounded down; null without sales.
    /// </summary>
    public async Task<long?> PriceFloorAsync(Guid skuId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().AddDays(-PriceFloorDays);
        return await db.OrderLines.Where(l => l.SkuId == skuId)
            .Join(db.Orders.Where(o => o.PaidAt != null && o.PaidAt >= since), l => l.OrderId, o => o.Id, (l, o) => l)
            .Select(l => (long?)((l.Original - l.ShopDiscount) / l.Quantity))
            .MinAsync(ct);
    }

    private static void CheckPrice(long price, long skuPrice, long? floor) => new Validator()
        .Require(price < skuPrice, "price", $"must be below the SKU's price ({skuPrice} fen)")
        .Require(floor is null || price <= floor, "price", $"must not be above the lowest price paid in the last {PriceFloorDays} days ({floor} fen)")
        .ThrowIfInvalid();

    private async Task<CampaignEntry> PendingAsync(Guid entryId, CancellationToken ct)
    {
        var entry = await db.CampaignEntries.FirstOrDefaultAsync(e => e.Id == entryId, ct) ?? throw SprigException.NotFound("Campaign entry");
        if (entry.Status != EntryStatus.Pending) throw SprigException.InvalidState($"The entry is {entry.Status.ToString().ToLowerInvariant()}.");
        return entry;
    }
}
