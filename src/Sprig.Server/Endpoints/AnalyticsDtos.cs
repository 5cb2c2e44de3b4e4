using Sprig.Analytics;
using Sprig.Kernel;

namespace Sprig.Server.Endpoints;

public sealed record TotalsDto(long Gmv, long Paid, long Orders, long Buyers, long Aov, long Refunds, int RefundRateBps, long NetGmv, long Subsidy, long Fees)
{
    public static TotalsDto From(Totals t) => new(t.Gmv, t.Paid, t.Orders, t.Buyers, t.Aov, t.Refunds, t.RefundRateBps, t.NetGmv, t.Subsidy, t.Fees);
}

public sealed record FunnelDto(long Impressions, long Clicks, long ProductViews, long AddToCarts, long OrdersPlaced, long OrdersPaid, int CtrBps, int CvrBps)
{
    public static FunnelDto From(Funnel f) => new(f.Impressions, f.Clicks, f.ProductViews, f.AddToCarts, f.OrdersPlaced, f.OrdersPaid,
        f.Impressions == 0 ? 0 : (int)(f.Clicks * 10_000 / f.Impressions), f.Clicks == 0 ? 0 : (int)Math.Min(10_000, f.OrdersPaid * 10_000 / f.Clicks));
}

public sealed record ShopFunnelDto(FunnelDto All, IReadOnlyDictionary<string, FunnelDto> BySource);

public sealed record ItemRowDto(Guid ItemId, string? Kind, string? Title, long Impressions, long Clicks, long Orders, long Gmv, long Gpm);

public sealed record ShopAnalyticsDto(Guid ShopId, string Currency, DateOnly From, DateOnly To,
    long Gmv, long Paid, long Orders, long Buyers, long Aov, long Refunds, int RefundRateBps, long NetGmv, long Subsidy, long Fees,
    IReadOnlyDictionary<string, TotalsDto> BySource, IReadOnlyDictionary<string, SceneRow> ByScene, IReadOnlyList<DayRow> ByDay, ShopFunnelDto Funnel,
    IReadOnlyList<ItemRowDto> TopProducts, IReadOnlyList<ItemRowDto> TopContent, IReadOnlyList<CreatorRow> Creators,
    IReadOnlyDictionary<string, Personas> Personas, int PersonaMinGroup);

public sealed record ColdStartDto(long NewShops, long WithFirstSaleIn30Days, int RateBps);

public sealed record EcosystemDto(string Currency, DateOnly From, DateOnly To,
    long Gmv, long Paid, long Orders, long Refunds, long NetGmv, IReadOnlyDictionary<string, TotalsDto> BySource, IReadOnlyDictionary<string, long> ImpressionsBySource,
    IReadOnlyDictionary<string, SceneRow> ByScene, IReadOnlyList<DayRow> ByDay, long OpenShops, long NewShops, long ListedSkus, ColdStartDto ColdStart, IReadOnlyList<Cohort> Retention,
    long SubsidySpent, double GmvPerSubsidyYuan, IReadOnlyList<SubsidyRow> SubsidyBySource, long FeeRevenue, IReadOnlyList<ProgramRow> FeesByProgram);

/// <summary>The analytics wire shapes (API.md's fields first; breakdowns keyed by their camelCase names).</summary>
public static class AnalyticsDtos
{
    public static ShopAnalyticsDto Shop(ShopReport r)
    {
        var t = r.Totals;
        return new(r.ShopId, Money.Currency, r.Period.From, r.Period.To, t.Gmv, t.Paid, t.Orders, t.Buyers, t.Aov, t.Refunds, t.RefundRateBps, t.NetGmv, t.Subsidy, t.Fees,
            r.BySource.ToDictionary(s => Camel(s.Key), s => TotalsDto.From(s.Value)),
            r.ByScene.ToDictionary(s => Camel(s.Scene), s => s),
            r.ByDay,
            new ShopFunnelDto(FunnelDto.From(r.Funnel), r.FunnelBySource.ToDictionary(f => Camel(f.Key), f => FunnelDto.From(f.Value))),
            r.TopProducts.Select(Item).ToList(), r.TopContent.Select(Item).ToList(), r.Creators,
            r.PersonasBySource.ToDictionary(p => Camel(p.Key), p => p.Value), ShopAnalytics.MinGroup);
    }

    public static EcosystemDto Ecosystem(EcosystemReport r)
    {
        var t = r.Totals;
        return new(Money.Currency, r.Period.From, r.Period.To, t.Gmv, t.Paid, t.Orders, t.Refunds, t.NetGmv,
            r.BySource.ToDictionary(s => Camel(s.Key), s => TotalsDto.From(s.Value)),
            r.ImpressionsBySource.ToDictionary(s => Camel(s.Key), s => s.Value),
            r.ByScene.ToDictionary(s => Camel(s.Scene), s => s), r.ByDay, r.OpenShops, r.NewShops, r.ListedSkus,
            new ColdStartDto(r.ColdStart.NewShops, r.ColdStart.WithFirstSaleIn30Days, r.ColdStart.RateBps), r.Retention,
            r.SubsidySpent, r.GmvPerSubsidyYuan, r.SubsidyBySource, r.FeeRevenue, r.FeesByProgram);
    }

    private static ItemRowDto Item(ItemRow i) => new(i.ItemId, i.Kind is { } k ? Camel(k) : null, i.Title, i.Impressions, i.Clicks, i.Orders, i.Gmv, i.Gpm);

    private static string Camel<T>(T value) where T : Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
