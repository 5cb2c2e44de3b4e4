using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Finance;

/// <summary>An order line's fee base (paid incl. freight + platform-funded discounts, less refunds) and its category.</summary>
public sealed record FeeLine(Guid LineId, Guid CategoryId, long Base);

/// <summary>What the fee engine needs to know about the order and its shop when the order settles.</summary>
public sealed record FeeOrder(Scene Scene, DateTimeOffset PaidAt, ShopKind ShopKind, DateTimeOffset? ShopOpenedAt, int ShopScoreTenths);

/// <summary>A part of a line charged at one rate. A line crossing the new-shop cap has two parts.</summary>
public sealed record FeePart(Guid LineId, long Base, int RateBps, string Program, long Fee);

/// <summary>
/// Technical service fee = rate × base, per order line, rounded half up to the fen. The rate is the category's,
/// or the lowest rate of the programs that apply, and never below the non-waivable channel fee.
/// </summary>
public static class FeeEngine
{
    public const string CategoryRate = "category";

    /// <param name="newShopGmvUsed">The shop's GMV already charged under the new-shop program.</param>
    /// <returns>The parts, and how much of the new-shop cap this order used.</returns>
    public static (IReadOnlyList<FeePart> Parts, long NewShopGmvUsed) Compute(
        FeeOrder order, IReadOnlyList<FeeLine> lines, IReadOnlyDictionary<Guid, int> categoryRates,
        IReadOnlyList<FeeProgram> programs, int channelFeeBps, long newShopGmvUsed)
    {
        var active = programs.Where(p => p.ActiveAt(order.PaidAt)).ToList();
        var newShop = active
            .Where(p => p.Kind == FeeProgramKind.NewShop && order.ShopOpenedAt is { } opened
                        && order.PaidAt < opened.AddDays(p.DaysFromOpening ?? 30))
            .OrderBy(p => p.RateBps).FirstOrDefault();
        var capLeft = newShop is null ? 0 : Math.Max(0, (newShop.GmvCap ?? 100_000_000) - newShopGmvUsed);

        var parts = new List<FeePart>();
        long used = 0;
        foreach (var line in lines.OrderBy(l => l.LineId))
        {
            var (rate, program) = BestOtherRate(order, line, categoryRates, active);
            rate = Math.Max(rate, channelFeeBps);
            var underCap = 0L;
            if (newShop is not null && capLeft > 0 && Math.Max(newShop.RateBps, channelFeeBps) < rate)
            {
                underCap = Math.Min(capLeft, line.Base);
                capLeft -= underCap;
                used += underCap;
                var newRate = Math.Max(newShop.RateBps, channelFeeBps);
                parts.Add(new FeePart(line.LineId, underCap, newRate, newShop.Name, Allocation.ApplyBps(underCap, newRate)));
            }
            var rest = line.Base - underCap;
            if (rest > 0 || underCap == 0)
                parts.Add(new FeePart(line.LineId, rest, rate, program, Allocation.ApplyBps(rest, rate)));
        }
        return (parts, used);
    }

    private static (int Rate, string Program) BestOtherRate(FeeOrder order, FeeLine line, IReadOnlyDictionary<Guid, int> categoryRates, List<FeeProgram> active)
    {
        var best = (Rate: categoryRates.TryGetValue(line.CategoryId, out var r) ? r : 500, Program: CategoryRate);
        foreach (var p in active)
        {
            var applies = p.Kind switch
            {
                FeeProgramKind.PrivateDomain => p.CoversScene(order.Scene) && order.ShopScoreTenths > (p.MinShopScoreTenths ?? 42),
                FeeProgramKind.CommissionFreeCard => p.CoversScene(order.Scene) && p.CoversCategory(line.CategoryId),
                FeeProgramKind.Brand => order.ShopKind == ShopKind.Brand,
                _ => false,
            };
            if (applies && p.RateBps < best.Rate) best = (p.RateBps, p.Name);
        }
        return best;
    }
}
