using Microsoft.AspNetCore.Http.Extensions;

namespace Sprig.Server.Web.Buyer;

/// <summary>
/// What led the buyer to a product, carried from page to page into the order: the feed's impression id, the
/// content (video, post, live room), a share link, or a scene the page itself knows (search, showcase).
/// Attribution resolves it on the platform's own records when the order is placed, as POST /api/orders does.
/// </summary>
public sealed record OrderTrail(string? Imp, string? Cid, string? Share, string? Scene)
{
    public static OrderTrail From(IQueryCollection q) => new(Clean(q["imp"]), Clean(q["cid"]), Clean(q["share"]), Clean(q["scene"]));

    public static OrderTrail From(IFormCollection f) => new(Clean(f["imp"]), Clean(f["cid"]), Clean(f["share"]), Clean(f["scene"]));

    /// <summary>"&amp;imp=...&amp;cid=..." for a link onwards (empty when nothing led here).</summary>
    public string Query()
    {
        var q = new QueryBuilder();
        if (Imp is not null) q.Add("imp", Imp);
        if (Cid is not null) q.Add("cid", Cid);
        if (Share is not null) q.Add("share", Share);
        if (Scene is not null) q.Add("scene", Scene);
        var s = q.ToQueryString().Value ?? "";
        return s.Length == 0 ? "" : "&" + s[1..];
    }

    public IEnumerable<(string Name, string Value)> Fields()
    {
        if (Imp is not null) yield return ("imp", Imp);
        if (Cid is not null) yield return ("cid", Cid);
        if (Share is not null) yield return ("share", Share);
        if (Scene is not null) yield return ("scene", Scene);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) || s.Length > 64 ? null : s.Trim();
}
