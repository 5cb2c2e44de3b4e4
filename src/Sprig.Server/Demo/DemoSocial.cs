using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Content;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Shops;
using Sprig.Social;

namespace Sprig.Server.Demo;

/// <summary>
/// The demo's social side, so the feed has something to show: the shop's videos and posts with product cards, a
/// creator selling the shop's serum through an affiliate plan, a live session on air with a pinned product and
/// viewers, and the demo buyer's friends, who liked and shared some of it. The buyer follows the shop and the creator.
/// </summary>
public sealed class DemoSocial(
    SprigDb db, Accounts.Accounts accounts, AffiliateDesk affiliates, ContentDesk contents, LiveDesk lives, CommentDesk comments,
    FollowDesk follows, FriendDesk friends, LikeDesk likes, ShareDesk shares)
{
    public const string Creator = "creator@demo.sprig";
    public static readonly string[] Friends = ["friend1@demo.sprig", "friend2@demo.sprig", "friend3@demo.sprig"];
    public static readonly string[] Emails = [Creator, .. Friends];

    private static readonly Dictionary<string, string> FriendNames = new()
    {
        ["friend1@demo.sprig"] = "阿青", ["friend2@demo.sprig"] = "Momo", ["friend3@demo.sprig"] = "老周",
    };

    public async Task SeedAsync(Shop shop, Guid merchantId, Guid buyerId, CancellationToken ct)
    {
        var creator = await accounts.RegisterAsync(Creator, DemoData.Password, "Mia 小芽好物", Role.Creator, ct);
        var friendIds = new List<Guid>();
        foreach (var email in Friends) friendIds.Add((await accounts.RegisterAsync(email, DemoData.Password, FriendNames[email], Role.Buyer, ct)).Id);
        var products = await db.Products.AsNoTracking().Where(p => p.ShopId == shop.Id).ToDictionaryAsync(p => p.Title, p => p.Id, ct);

        // the creator sells the serum for 20% commission (优选联盟) and posted a video with it
        var serum = products["保湿修护精华 30ml"];
        var plan = await affiliates.CreateAsync(shop, new NewPlan(serum, "open", 2_000, null), ct);
        await affiliates.JoinAsync(plan.Id, creator.Id, null, null, ct);
        var creatorVideo = await contents.CreateAsync(creator.Id, new NewContent("video", "换季泛红？我的修护精华空瓶记", "https://cdn.sprig.example/demo/serum.mp4", 58,
            [serum], Body: "敏感肌用了三个月，神经酰胺配方，30ml 能用两个月左右。"), ct);

        var tea = await contents.CreateAsync(merchantId, new NewContent("video", "开箱：勐海古树普洱 357g", "https://cdn.sprig.example/demo/tea.mp4", 95,
            [products["云南古树普洱茶饼 357g"]], Body: "2019 年春茶，熟茶生茶都有，现场撬饼冲泡。", ShopId: shop.Id), ct);
        var silk = await contents.CreateAsync(merchantId, new NewContent("video", "22 姆米真丝睡衣上身效果", "https://cdn.sprig.example/demo/silk.mp4", 41,
            [products["真丝桑蚕丝睡衣套装"], products["羊毛混纺大衣"]], ShopId: shop.Id), ct);
        await contents.CreateAsync(merchantId, new NewContent("post", "双 11 预告：坚果 10% 平台补贴", "https://cdn.sprig.example/demo/nuts.jpg", null,
            [products["每日坚果 30 袋装"], products["手工牛轧糖礼盒"]], Body: "11 月 1 日 00:00 开抢，满 ¥100 减 ¥15 可叠加。", ShopId: shop.Id), ct);

        // tonight's live room, on air with the enamel pot pinned and three viewers in
        var live = await contents.CreateAsync(merchantId, new NewContent("live", "小芽生活馆 · 厨房好物专场", "https://live.sprig.example/demo/room.flv", null,
            [products["铸铁珐琅锅 24cm"], products["手工牛轧糖礼盒"], products["20W 快充充电器"]], ShopId: shop.Id), ct);
        await lives.StartAsync(live.Id, merchantId, ct);
        await lives.PinAsync(live.Id, merchantId, products["铸铁珐琅锅 24cm"], ct);
        foreach (var f in friendIds) await lives.JoinAsync(live.Id, f, ct);

        // the buyer's friends (each asked, the buyer asked back), and what they liked and shared
        foreach (var f in friendIds)
        {
            await friends.RequestAsync(f, buyerId, ct);
            await friends.RequestAsync(buyerId, f, ct);
        }
        await likes.LikeAsync(friendIds[0], SignalTarget.Content, tea.Id, Viewer.Anonymous, ct);
        await likes.LikeAsync(friendIds[1], SignalTarget.Content, tea.Id, Viewer.Anonymous, ct);
        await likes.LikeAsync(friendIds[1], SignalTarget.Content, creatorVideo.Id, Viewer.Anonymous, ct);
        await likes.LikeAsync(friendIds[2], SignalTarget.Content, silk.Id, Viewer.Anonymous, ct);
        await likes.LikeAsync(friendIds[2], SignalTarget.Product, products["铸铁珐琅锅 24cm"], Viewer.Anonymous, ct);
        var shared = await shares.ShareAsync(friendIds[0], SignalTarget.Content, tea.Id, Viewer.Anonymous, new NewShare(buyerId, null), ct);
        await shares.ShareAsync(friendIds[1], SignalTarget.Content, tea.Id, Viewer.Anonymous, new NewShare(null, shared.Id), ct);
        await shares.ShareAsync(friendIds[2], SignalTarget.Content, creatorVideo.Id, Viewer.Anonymous, new NewShare(buyerId, null), ct);
        await comments.PostAsync(tea.Id, friendIds[0], "熟茶口感很顺，已经回购第二饼了", ct);
        await comments.PostAsync(creatorVideo.Id, friendIds[1], "同款敏感肌，蹲一个链接", ct);

        await follows.FollowAsync(buyerId, FollowTarget.Shop, shop.Id, ct);
        await follows.FollowAsync(buyerId, FollowTarget.User, creator.Id, ct);
        await follows.FollowAsync(friendIds[0], FollowTarget.Shop, shop.Id, ct);
        await follows.FollowAsync(friendIds[1], FollowTarget.User, creator.Id, ct);
    }
}
