using FsCheck;
using FsCheck.Fluent;
using Sprig.Kernel;

namespace Sprig.Tests.Kernel;

public sealed class AllocationTests
{
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Split_NeverLosesOrInventsAFen(NonNegativeInt total, NonEmptyArray<NonNegativeInt> weights)
    {
        var parts = Allocation.Split(total.Get, weights.Get.Select(w => (long)w.Get).ToArray());
        return parts.Sum() == total.Get && parts.All(p => p >= 0);
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Split_IsProRata_WithinOneFen(PositiveInt total, NonEmptyArray<PositiveInt> weights)
    {
        var w = weights.Get.Select(x => (long)x.Get).ToArray();
        var parts = Allocation.Split(total.Get, w);
        var sum = (double)w.Sum();
        return parts.Select((p, i) => Math.Abs(p - total.Get * w[i] / sum)).All(d => d < 1.0 + 1e-9);
    }

    [Fact]
    public void Split_GivesTheRemainderToTheLargestRemainder()
    {
        Assert.Equal([34, 33, 33], Allocation.Split(100, [1, 1, 1]));
        Assert.Equal([667, 333], Allocation.Split(1000, [2, 1]));
        Assert.Equal([0, 0, 0], Allocation.Split(0, [5, 3, 2]));
        Assert.Equal([10, 0], Allocation.Split(10, [0, 0]));
    }

    [Theory]
    [InlineData(10_000, 60, 60)]
    [InlineData(12_345, 250, 309)] // 308.625 rounds half up to 309
    [InlineData(50, 100, 1)]       // 0.5 fen rounds up
    [InlineData(49, 100, 0)]       // 0.49 fen rounds down
    public void ApplyBps_RoundsHalfUpToTheFen(long amount, int bps, long expected) =>
        Assert.Equal(expected, Allocation.ApplyBps(amount, bps));
}
