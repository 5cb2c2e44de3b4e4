namespace Sprig.Server.Web.Shared;

/// <summary>
/// The UI's words in Chinese (default) and English: key → (zh, en). Shared words here; each face's in its own file
/// (Text.Buyer.cs, Text.Merchant.cs, Text.Ops.cs). A key with no entry shows as itself, so a gap is visible.
/// </summary>
public static partial class Text
{
    private static readonly Lazy<Dictionary<string, (string Zh, string En)>> All = new(() =>
    {
        var all = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var part in new[] { Shared, Buyer, Merchant, Ops })
            foreach (var (key, zh, en) in part!) all[key] = (zh, en);
        return all;
    });

    public static string Get(string key, bool en) => Find(key, en) ?? key;

    public static string? Find(string key, bool en) => All.Value.TryGetValue(key, out var t) ? (en ? t.En : t.Zh) : null;

    private static readonly (string Key, string Zh, string En)[] Shared =
    [
        ("brand", "小芽", "Sprig"),
        ("nav", "导航", "Navigation"),
        ("nav.home", "首页", "Home"),
        ("nav.cart", "购物车", "Cart"),
        ("nav.orders", "订单", "Orders"),
        ("nav.me", "我的", "Me"),
        ("nav.buyerApp", "买家端", "Buyer app"),
        ("nav.apiDocs", "API 文档", "API docs"),
        ("search", "搜索", "Search"),
        ("search.placeholder", "搜索商品", "Search products"),
        ("signin", "登录", "Sign in"),
        ("signup", "注册", "Sign up"),
        ("signout", "退出", "Sign out"),
        ("save", "保存", "Save"),
        ("saved", "已保存", "Saved"),
        ("create", "创建", "Create"),
        ("cancel", "取消", "Cancel"),
        ("approve", "通过", "Approve"),
        ("reject", "驳回", "Reject"),
        ("next", "下一页", "Next page"),
        ("first", "第一页", "First page"),
        ("loadMore", "加载更多", "Load more"),
        ("none", "暂无", "Nothing here yet"),
        ("all", "全部", "All"),
        ("status", "状态", "Status"),
        ("actions", "操作", "Actions"),
        ("time", "时间", "Time"),
        ("amount", "金额", "Amount"),
        ("order", "订单", "Order"),
        ("quantity", "数量", "Quantity"),
        ("reason", "原因", "Reason"),
        ("note", "备注", "Note"),
        ("name", "名称", "Name"),
        ("price", "价格", "Price"),
        ("stock", "库存", "Stock"),
        ("yuan", "元", "yuan"),
        ("days", "天", "d"),
        ("ended", "已结束", "ended"),
        ("confirm.money", "此操作会动用资金，确定继续吗？", "This moves money. Continue?"),
        ("problem.generic", "操作未完成", "That did not go through"),
        ("problem.validation_failed", "请检查填写的内容", "Please check the highlighted fields"),
        ("problem.invalid_credentials", "邮箱或密码错误", "Email or password is wrong"),
        ("problem.email_taken", "该邮箱已注册", "That email is already registered"),
        ("problem.out_of_stock", "库存不足", "Out of stock"),
        ("problem.coupon_exhausted", "优惠券已抢光", "The coupon is all gone"),
        ("problem.limit_reached", "已达领取上限", "You hold as many as allowed"),
        ("problem.coupon_unavailable", "当前不可领取", "Cannot be claimed now"),
        ("problem.budget_exhausted", "补贴预算已用完", "The subsidy budget is spent"),
        ("problem.insufficient_balance", "可提现余额不足", "Not enough available balance"),
        ("problem.invalid_state", "当前状态下不能这样做", "Not possible in its current state"),
        ("problem.not_found", "找不到", "Not found"),
        ("problem.forbidden", "无权操作", "Not allowed"),
        ("problem.shop_not_open", "店铺未营业", "The shop is not open"),
        ("problem.order_expired", "订单已超时关闭", "The order expired"),
        ("problem.after_sale_open", "售后处理中", "An after-sale is open"),
        ("problem.not_listed", "商品未上架", "Not on sale"),
        ("problem.product_blocked", "商品已被平台下架", "Taken off sale by the platform"),
        ("problem.clock_not_manual", "服务器使用真实时钟", "The server runs on the real clock"),
        ("problem.insufficient_stock", "库存不能为负", "Stock cannot go below zero"),
        ("problem.concurrent_update", "数据已变化，请重试", "It changed meanwhile; try again"),
        ("problem.payment_failed", "支付失败", "Payment failed"),
        ("problem.not_live", "这不是直播", "Not a live session"),
    ];
}
