using Sprig.Kernel;

namespace Sprig.Tests.Kernel;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(12345, "¥123.45")]
    [InlineData(5, "¥0.05")]
    [InlineData(0, "¥0.00")]
    [InlineData(-150, "-¥1.50")]
    [InlineData(-50, "-¥0.50")] // the sign of an amount under a yuan was lost before
    public void ReadsAsYuan_WithItsSign(long fen, string text) => Assert.Equal(text, new Money(fen).ToString());
}
