using Sprig.Distribution;

namespace Sprig.Tests.Distribution;

public sealed class RankingTests
{
    [Fact]
    public void NewItem_ScoresThePrior()
    {
        Assert.Equal(Ranking.Prior, Ranking.Score(default));
        Assert.Equal(Ranking.PriorCtr, Ranking.Ctr(default), 12);
    }

    [Fact]
    public void FewImpressions_StayNearThePrior()
    {
        // 1 click in 3 impressions is not a 33% CTR
        var lucky = new ItemStats(3, 1, 0, 0, 0, 0, 0, 0);
        Assert.InRange(Ranking.Ctr(lucky), Ranking.PriorCtr, 0.05);
    }

    [Fact]
    public void ManyImpressions_AreJudgedOnTheirOwnRecord()
    {
        var proven = new ItemStats(100_000, 10_000, 0, 0, 0, 0, 0, 0);
        Assert.InRange(Ranking.Ctr(proven), 0.099, 0.1);
    }

    [Fact]
    public void BetterEngagement_ScoresHigher()
    {
        var plain = new ItemStats(5_000, 200, 1_000, 300, 50, 10, 4, 40_000);
        var liked = plain with { Likes = 300 };
        var bought = plain with { Orders = 40, Gmv = 400_000 };
        Assert.True(Ranking.Score(liked) > Ranking.Score(plain));
        Assert.True(Ranking.Score(bought) > Ranking.Score(plain));
        Assert.True(Ranking.Score(plain with { Clicks = 50 }) < Ranking.Score(plain));
    }

    [Fact]
    public void MoreDistinctFriends_RankHigher_WithDiminishingReturns()
    {
        Assert.Equal(1, Ranking.Personal(0, 0));
        var one = Ranking.Personal(0, 1);
        var two = Ranking.Personal(0, 2);
        var ten = Ranking.Personal(0, 10);
        Assert.True(two > one && one > 1);
        Assert.True(two - one < one - 1);
        Assert.True(ten > two);
        Assert.True(Ranking.Personal(1, 0) > Ranking.Personal(0.2, 0));
    }
}
