using Sprig.Catalog;
using Sprig.Ordering;

namespace Sprig.Server.Web.Shared;

/// <summary>The colour of a status badge: green when it went well, red when it stopped, orange when someone must act.</summary>
public static class StatusCss
{
    public static string Of(OrderStatus s) => s switch
    {
        OrderStatus.Completed or OrderStatus.Shipped => "green",
        OrderStatus.PendingPayment or OrderStatus.PendingShipment or OrderStatus.PartiallyShipped => "orange",
        _ => "red",
    };

    public static string Of(AfterSaleStatus s) => s switch
    {
        AfterSaleStatus.Refunded or AfterSaleStatus.Exchanged => "green",
        AfterSaleStatus.Rejected or AfterSaleStatus.Closed or AfterSaleStatus.CancelledByBuyer => "red",
        _ => "orange",
    };

    public static string Of(ProductStatus s) => s switch
    {
        ProductStatus.Listed => "green",
        ProductStatus.BlockedByPlatform => "red",
        _ => "",
    };
}
