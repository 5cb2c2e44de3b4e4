using System.Globalization;
using System.Text;

namespace Sprig.Analytics;

/// <summary>
/// CSV of a dashboard's tables (RFC 4180: quoted where needed, CRLF), money in yuan with two decimals as the UI shows
/// it, so a merchant can open it in a spreadsheet.
/// </summary>
public static class AnalyticsCsv
{
    public static readonly string[] ShopTables = ["days", "scenes", "sources", "funnel", "products", "content", "creators"];
    public static readonly string[] EcosystemTables = ["days", "scenes", "sources", "subsidies", "programs", "retention"];

    public static string Shop(ShopReport r, string table) => table switch
    {
        "days" => Write(["day", "gmv", "paid", "orders", "refunds"], r.ByDay.Select(d => new object[] { d.Day, Yuan(d.Gmv), Yuan(d.Paid), d.Orders, Yuan(d.Refunds) })),
        "scenes" => Write(["scene", "gmv", "paid", "orders"], r.ByScene.Select(s => new object[] { Camel(s.Scene.ToString()), Yuan(s.Gmv), Yuan(s.Paid), s.Orders })),
        "sources" => Write(["source", "gmv", "paid", "orders", "buyers"], r.BySource.Select(s => new object[] { Camel(s.Key.ToString()), Yuan(s.Value.Gmv), Yuan(s.Value.Paid), s.Value.Orders, s.Value.Buyers })),
        "funnel" => Write(["source", "impressions", "clicks", "productViews", "addToCarts", "ordersPlaced", "ordersPaid"],
            r.FunnelBySource.Select(f => new object[] { Camel(f.Key.ToString()), f.Value.Impressions, f.Value.Clicks, f.Value.ProductViews, f.Value.AddToCarts, f.Value.OrdersPlaced, f.Value.OrdersPaid })),
        "products" => Items(r.TopProducts),
        "content" => Items(r.TopContent),
        "creators" => Write(["creatorId", "name", "orders", "gmv"], r.Creators.Select(c => new object[] { c.CreatorId, c.Name ?? "", c.Orders, Yuan(c.Gmv) })),
        _ => throw Kernel.SprigException.Validation("table", $"must be one of {string.Join(", ", ShopTables)}"),
    };

    public static string Ecosystem(EcosystemReport r, string table) => table switch
    {
        "days" => Write(["day", "gmv", "paid", "orders", "refunds"], r.ByDay.Select(d => new object[] { d.Day, Yuan(d.Gmv), Yuan(d.Paid), d.Orders, Yuan(d.Refunds) })),
        "scenes" => Write(["scene", "gmv", "paid", "orders"], r.ByScene.Select(s => new object[] { Camel(s.Scene.ToString()), Yuan(s.Gmv), Yuan(s.Paid), s.Orders })),
        "sources" => Write(["source", "gmv", "paid", "orders"], r.BySource.Select(s => new object[] { Camel(s.Key.ToString()), Yuan(s.Value.Gmv), Yuan(s.Value.Paid), s.Value.Orders })),
        "subsidies" => Write(["sourceId", "kind", "name", "subsidy", "gmv", "orders", "gmvPerSubsidyYuan"],
            r.SubsidyBySource.Select(s => new object[] { s.SourceId, s.Kind, s.Name ?? "", Yuan(s.Subsidy), Yuan(s.Gmv), s.Orders, s.GmvPerSubsidyYuan })),
        "programs" => Write(["program", "fees"], r.FeesByProgram.Select(p => new object[] { p.Program, Yuan(p.Fees) })),
        "retention" => Write(["cohort", "shops", .. Enumerable.Range(0, 6).Select(k => $"month{k}")],
            r.Retention.Select(c => new object[] { c.Month, c.Shops }.Concat(c.Active.Cast<object>()).ToArray())),
        _ => throw Kernel.SprigException.Validation("table", $"must be one of {string.Join(", ", EcosystemTables)}"),
    };

    private static string Items(IEnumerable<ItemRow> items) => Write(["itemId", "kind", "title", "impressions", "clicks", "orders", "gmv", "gpm"],
        items.Select(i => new object[] { i.ItemId, i.Kind is { } k ? Camel(k.ToString()) : "", i.Title ?? "", i.Impressions, i.Clicks, i.Orders, Yuan(i.Gmv), Yuan(i.Gpm) }));

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Camel(string s) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s);

    private static string Write(IReadOnlyList<string> header, IEnumerable<object[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Field))).Append("\r\n");
        foreach (var row in rows) sb.Append(string.Join(',', row.Select(v => Field(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");
        return sb.ToString();
    }

    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 || s.StartsWith('=') || s.StartsWith('+') || s.StartsWith('-') || s.StartsWith('@')
            // quoted, and a leading formula character neutralised: a title must not run as a spreadsheet formula
            ? "\"" + (s.Length > 0 && "=+-@".Contains(s[0]) ? "'" + s : s).Replace("\"", "\"\"") + "\""
            : s;
}
