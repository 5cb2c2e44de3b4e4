namespace Sprig.Distribution;

/// <summary>The counters the ranking reads of an item.</summary>
public readonly record struct ItemStats(long Impressions, long Clicks, long Watches, long Completions, long Likes, long Shares, long Orders, long Gmv);

/// <summary>
/// The ranking model. An item's base score is its expected value per impression: the chance of a click, a completed
/// watch, a like, a share and an order, each estimated from its counters smoothed toward a platform prior (a Beta
/// prior worth <see cref="PriorWeight"/> impressions), so a new item with 3 impressions and 1 click is not ranked as
/// a 33% CTR, and an item with 100,000 impressions is judged on its own record. Expected GMV per impression (GPM)
/// joins as a term of its own. The buyer's part multiplies it: the category interest, and social affinity, where
/// each distinct friend who liked or shared the item adds less than the one before (log2).
/// </summary>
public static class Ranking
{
    public const double PriorWeight = 200;
    public const double PriorCtr = 0.04;
    public const double PriorCompletion = 0.30;
    public const double PriorLike = 0.01;
    public const double PriorShare = 0.002;
    /// <summary>Orders per click.</summary>
    public const double PriorCvr = 0.02;
    /// <summary>GMV per impression in fen: 50 fen is a GPM of ¥500.</summary>
    public const double PriorGmvPerImpression = 50;

    // what each event is worth, in "clicks": a share brings new viewers, an order is what the platform is for
    private const double ClickWeight = 1.0;
    private const double CompletionWeight = 0.5;
    private const double LikeWeight = 2.0;
    private const double ShareWeight = 5.0;
    private const double OrderWeight = 20.0;
    /// <summary>Fen of GMV worth one click.</summary>
    private const double GmvPerClickWorth = 2_000;

    /// <summary>The score of an item nobody has seen yet.</summary>
    public static readonly double Prior = Score(default);

    public static double Ctr(in ItemStats s) => Smooth(s.Clicks, s.Impressions, PriorCtr);
    public static double Completion(in ItemStats s) => Smooth(s.Completions, s.Watches, PriorCompletion);
    public static double LikeRate(in ItemStats s) => Smooth(s.Likes, s.Impressions, PriorLike);
    public static double ShareRate(in ItemStats s) => Smooth(s.Shares, s.Impressions, PriorShare);
    public static double Cvr(in ItemStats s) => (s.Orders + PriorWeight * PriorCtr * PriorCvr) / (s.Clicks + PriorWeight * PriorCtr);
    public static double GmvPerImpression(in ItemStats s) => (s.Gmv + PriorWeight * PriorGmvPerImpression) / (s.Impressions + PriorWeight);

    /// <summary>Expected value of one impression, in clicks' worth.</summary>
    public static double Score(in ItemStats s)
    {
        var ctr = Ctr(s);
        return ClickWeight * ctr
               + CompletionWeight * ctr * Completion(s)
               + LikeWeight * LikeRate(s)
               + ShareWeight * ShareRate(s)
               + OrderWeight * ctr * Cvr(s)
               + GmvPerImpression(s) / GmvPerClickWorth;
    }

    /// <summary>The buyer's multiplier: interest in the item's category (0..1 of the buyer's strongest) and distinct friends who engaged.</summary>
    public static double Personal(double interest, int friends) => (1 + 0.5 * Math.Clamp(interest, 0, 1)) * (1 + Math.Log2(1 + Math.Max(0, friends)));

    private static double Smooth(long hits, long trials, double prior) => (hits + PriorWeight * prior) / (trials + PriorWeight);
}
