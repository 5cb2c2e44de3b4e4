using System.Diagnostics;
using Sprig.Kernel;
using Sprig.Promotions;

namespace Sprig.Bench;

/// <summary>The price calculator choosing the best coupons for a 50-line cart among 20 candidates (10 shop, 10 platform).</summary>
public static class PriceRun
{
    public static void Run(int iterations = 20_000)
    {
        var rng = new Random(7);
        var lines = Enumerable.Range(0, 50).Select(_ => new PriceLine(Ids.New(), Ids.New(), rng.Next(100, 100_000), rng.Next(1, 4))).ToList();
        Coupon C(CouponKind k, CouponFunding f) => new()
        {
            Id = Ids.New(), Kind = k, Funding = f, Threshold = k == CouponKind.Quantity ? rng.Next(2, 10) : rng.Next(0, 2_000_000),
            Amount = rng.Next(100, 50_000), Percent = rng.Next(20, 99), TotalQuantity = 1, PerBuyerLimit = 1,
        };
        var kinds = Enum.GetValues<CouponKind>();
        var shop = Enumerable.Range(0, 10).Select(i => C(kinds[i % 4], CouponFunding.Shop)).ToList();
        var platform = Enumerable.Range(0, 10).Select(i => C(kinds[i % 4], CouponFunding.Platform)).ToList();

        for (var i = 0; i < 2_000; i++) PriceCalculator.Best(lines, shop, platform); // warm-up
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            PriceCalculator.Best(lines, shop, platform);
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine("| scenario | runs | p50 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| best coupons, 50 lines, 10 shop + 10 platform candidates | {iterations:N0} | {times[iterations / 2]:F3} | {times[(int)(iterations * 0.99)]:F3} | {times[^1]:F3} |");
    }
}
