using System.Text.Json;
using Microsoft.AspNetCore.Html;

namespace Sprig.Server.Web.Shared.Charts;

/// <summary>
/// A Chart.js configuration written into the page as JSON (site.js draws it): the server decides what a chart says,
/// the vendored library only draws. Money goes out in yuan, so axes read as the rest of the UI does.
/// </summary>
public static class ChartData
{
    public static readonly string[] Palette = ["#1f9d55", "#f76b15", "#3e63dd", "#e5484d", "#8e4ec6", "#12a594", "#ffb224", "#60646c"];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static object Bar(IEnumerable<string> labels, params (string Label, IEnumerable<decimal> Values)[] series) => new
    {
        type = "bar",
        data = new { labels, datasets = series.Select((s, i) => new { label = s.Label, data = s.Values, backgroundColor = Palette[i % Palette.Length] }) },
    };

    public static object StackedBar(IEnumerable<string> labels, params (string Label, IEnumerable<decimal> Values)[] series) => new
    {
        type = "bar",
        data = new { labels, datasets = series.Select((s, i) => new { label = s.Label, data = s.Values, backgroundColor = Palette[i % Palette.Length] }) },
        options = new { scales = new { x = new { stacked = true }, y = new { stacked = true } } },
    };

    public static object Line(IEnumerable<string> labels, params (string Label, IEnumerable<decimal> Values)[] series) => new
    {
        type = "line",
        data = new { labels, datasets = series.Select((s, i) => new { label = s.Label, data = s.Values, borderColor = Palette[i % Palette.Length], backgroundColor = Palette[i % Palette.Length], tension = 0.25 }) },
    };

    public static object Doughnut(IEnumerable<string> labels, IEnumerable<decimal> values) => new
    {
        type = "doughnut",
        data = new { labels, datasets = new[] { new { data = values, backgroundColor = Palette } } },
    };

    public static object HorizontalBar(IEnumerable<string> labels, string label, IEnumerable<decimal> values) => new
    {
        type = "bar",
        data = new { labels, datasets = new[] { new { label, data = values, backgroundColor = Palette[0] } } },
        options = new { indexAxis = "y" },
    };

    public static decimal Yuan(long fen) => fen / 100m;

    /// <summary>The canvas and its JSON, for a page: <c>@ChartData.Render("gmv", config)</c>.</summary>
    public static IHtmlContent Render(string id, object config, string title)
    {
        var json = JsonSerializer.Serialize(config, Json).Replace("</", "<\\/", StringComparison.Ordinal);
        var b = new HtmlContentBuilder();
        b.AppendHtml($"<div class=\"chart-box\"><canvas id=\"c-{id}\" data-chart=\"d-{id}\" data-test=\"chart\" aria-label=\"");
        b.Append(title);
        b.AppendHtml($"\" role=\"img\"></canvas></div><script type=\"application/json\" id=\"d-{id}\">{json}</script>");
        return b;
    }
}
