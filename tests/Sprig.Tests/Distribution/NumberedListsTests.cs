using Sprig.Distribution;

namespace Sprig.Tests.Distribution;

/// <summary>A page reads the buyer's marks by the lists' slots; it must be the page the lookups by id would give.</summary>
public sealed class NumberedListsTests
{
    [Fact]
    public void APage_FromNumberedLists_IsThePageFromTheSameListsByLookup()
    {
        var rng = new Random(5);
        var shops = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var categories = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        Candidate Item(int level, bool brand) => new(Guid.NewGuid(), FeedItemKind.Video, shops[rng.Next(shops.Length)], null, null,
            rng.Next(10) == 0 ? null : categories[rng.Next(categories.Length)], "item", brand, false, level, level >= 0 ? 500 : 0, 0, rng.NextDouble(), DateTimeOffset.UnixEpoch);
        var top = Enumerable.Range(0, 300).Select(_ => Item(-1, false)).ToList();
        // pool items in both pools, and some of the best overall in a pool too: one item in two lists
        var pooled = Enumerable.Range(0, 100).Select(i => Item(i % 2, false)).Concat(top.Take(20)).ToList();
        var brand = Enumerable.Range(0, 50).Select(_ => Item(-1, true)).ToList();
        var all = top.Concat(pooled).Concat(brand).DistinctBy(c => c.Id).ToList();
        var seen = all.Where((_, i) => i % 7 == 0).Select(c => c.Id).ToHashSet();
        var friends = all.Where((_, i) => i % 5 == 0).ToDictionary(c => c.Id, _ => rng.Next(1, 6));
        var interests = categories.Take(3).ToDictionary(c => c, _ => rng.NextDouble());
        var view = new BuyerView(Guid.NewGuid(), true, seen, friends, interests, [], [], []);
        // the buyer's own candidates are copies, as read by id: outside the lists, so looked up
        var personal = all.Where((_, i) => i % 11 == 0).Select(c => c with { }).ToList();

        var numbered = CandidateCache.Lists.Numbered(pooled, top, brand, 0);
        Assert.Equal(all.Count, numbered.BySlot.Count);
        Assert.True(numbered.Holds(numbered.Pooled[^1]));
        Assert.Same(numbered.Top[0], numbered.Pooled[^20]);
        Assert.False(numbered.Holds(top[0]));

        var byLookup = new FeedPage(20, PageRules.Default, view, _ => true).Recommended(new CandidateCache.Lists(pooled, top, brand, 0), personal);
        var bySlot = new FeedPage(20, PageRules.Default, view, _ => true).Recommended(numbered, personal);
        Assert.Equal(20, byLookup.Count);
        Assert.Equal(byLookup.Select(s => (s.Item.Id, s.Reason)), bySlot.Select(s => (s.Item.Id, s.Reason)));
        Assert.DoesNotContain(bySlot, s => seen.Contains(s.Item.Id));
        Assert.Contains(bySlot, s => s.Reason.FriendsLiked > 0);
    }
}
