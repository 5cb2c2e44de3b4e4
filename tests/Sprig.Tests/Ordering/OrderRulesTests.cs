using Sprig.Kernel;
using Sprig.Ordering;

namespace Sprig.Tests.Ordering;

/// <summary>The order's state machine, as rules.</summary>
public sealed class OrderRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(int lines = 2) => new()
    {
        Id = Ids.New(), Address = new Address("a", "b", "c", "d"), CreatedAt = T0, PayBy = T0.AddMinutes(15),
        Lines = Enumerable.Range(0, lines).Select(_ => new OrderLine { Id = Ids.New(), Title = "t", SkuName = "s", Quantity = 1, ShippingHours = 48 }).ToList(),
    };

    [Fact]
    public void Paid_SetsEachLinesShippingDeadline_FromItsPromise()
    {
        var o = NewOrder();
        o.MarkPaid(T0.AddMinutes(5));
        Assert.Equal(OrderStatus.PendingShipment, o.Status);
        Assert.All(o.Lines, l => Assert.Equal(T0.AddMinutes(5).AddHours(48), o.ShipBy(l)));
    }

    [Fact]
    public void Paid_CannotBeCancelled_OnlyUnpaidCan()
    {
        var o = NewOrder();
        o.MarkPaid(T0);
        Assert.Throws<SprigException>(() => o.Cancel(CancelReason.Buyer, T0));
        Assert.Throws<SprigException>(() => o.MarkPaid(T0));
    }

    [Fact]
    public void Unpaid_CannotShip_NorBeReceived()
    {
        var o = NewOrder();
        Assert.Throws<SprigException>(() => o.Ship("SF", "1", null, T0));
        Assert.Throws<SprigException>(() => o.ConfirmReceipt(T0, false));
    }

    [Fact]
    public void ShippingSomeLines_IsPartiallyShipped_ThenShipped()
    {
        var o = NewOrder(3);
        o.MarkPaid(T0);
        o.Ship("SF", "1", [o.Lines[0].Id], T0.AddHours(1));
        Assert.Equal(OrderStatus.PartiallyShipped, o.Status);
        Assert.Throws<SprigException>(() => o.ConfirmReceipt(T0, false));
        Assert.Throws<SprigException>(() => o.Ship("SF", "2", [o.Lines[0].Id], T0.AddHours(1)));
        o.Ship("SF", "2", null, T0.AddHours(50));
        Assert.Equal(OrderStatus.Shipped, o.Status);
        Assert.False(o.Lines[0].ShippedLate);
        Assert.True(o.Lines[2].ShippedLate);
    }
}
