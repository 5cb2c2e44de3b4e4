namespace Sprig.Server.Web.Shared;

public static partial class Text
{
    private static readonly (string Key, string Zh, string En)[] Ops =
    [
        ("o.nav.dashboard", "生态看板", "Ecosystem"), ("o.nav.shops", "店铺审核", "Shops"), ("o.nav.products", "商品审核", "Products"),
        ("o.nav.categories", "类目与费率", "Categories"), ("o.nav.feePrograms", "激励政策", "Fee programs"), ("o.nav.traffic", "流量池", "Traffic pools"),
        ("o.nav.campaigns", "活动与补贴", "Campaigns"), ("o.nav.moderation", "内容审核", "Moderation"), ("o.nav.arbitration", "售后仲裁", "Arbitration"),
        ("o.nav.ledger", "账本与时钟", "Ledger & clock"),
        ("o.dash.title", "平台生态看板", "Ecosystem dashboard"),
        ("o.dash.standIn", "临时统计：直接读取业务表与账本；数据分析模块（issue 6）上线后切换到它。", "Stand-in: read from the operational tables and the ledger until the Analytics module (issue 6) lands."),
        ("o.dash.gmv", "近 {0} 天 GMV", "GMV, last {0} days"), ("o.dash.openShops", "营业店铺", "Open shops"), ("o.dash.newShops", "30 天新开店", "New shops (30 days)"),
        ("o.dash.listedSkus", "在售 SKU", "Listed SKUs"), ("o.dash.coldStart", "新店首单（30 天）", "New shops with a sale"), ("o.dash.subsidy", "补贴支出", "Subsidy spent"),
        ("o.dash.fees", "服务费收入", "Fee revenue"), ("o.dash.shopsToReview", "待审店铺", "Shops to review"), ("o.dash.contentToReview", "待审内容", "Content to review"),
        ("o.dash.commentsToReview", "待审评论", "Comments to review"), ("o.dash.arbitrations", "待仲裁", "Arbitrations"),
        ("o.dash.gmvByDay", "每日 GMV 与订单", "GMV and orders by day"), ("o.dash.skusByCategory", "各类目在售 SKU", "Listed SKUs by category"),
        ("o.dash.shopsByKind", "店铺类型", "Shops by kind"), ("o.dash.budgets", "补贴预算使用", "Subsidy budgets"),
        ("o.dash.budgetTotal", "预算（元）", "Budget (¥)"), ("o.dash.budgetDrawn", "已用（元）", "Drawn (¥)"),
        ("o.shops.approved", "店铺已通过审核", "Shop approved"), ("o.shops.rejected", "已驳回", "Rejected"), ("o.shops.suspend", "暂停", "Suspend"),
        ("o.shops.suspended", "店铺已暂停", "Shop suspended"), ("o.shops.reinstate", "恢复", "Reinstate"), ("o.shops.reinstated", "店铺已恢复", "Shop reinstated"),
        ("o.fees.hint", "多个政策同时适用时取最低费率；0.6% 支付通道费不可减免。", "When several apply the lowest rate wins; the 0.6% channel fee is never waived."),
        ("o.fees.active", "生效中", "active"), ("o.fees.inactive", "未生效", "inactive"), ("o.fees.rate", "费率", "Rate"),
        ("o.fees.starts", "开始", "Starts"), ("o.fees.ends", "结束", "Ends"), ("o.fees.gmvCap", "GMV 上限", "GMV cap"), ("o.fees.scenes", "场景", "Scenes"),
        ("o.fees.new", "新建政策", "New program"), ("o.fees.saved", "激励政策已保存", "Program saved"),
        ("FeeProgramKind.NewShop", "新店", "New shop"), ("FeeProgramKind.PrivateDomain", "私域", "Private domain"),
        ("FeeProgramKind.CommissionFreeCard", "免佣商品卡", "Commission-free card"), ("FeeProgramKind.Brand", "品牌", "Brand"),
        ("o.ledger.trialBalance", "试算平衡", "Trial balance"), ("o.ledger.total", "合计（恒为 0）", "Total (always 0)"),
        ("o.ledger.clock", "业务时钟", "Business clock"), ("o.ledger.now", "当前时间", "Now"), ("o.ledger.hours", "小时", "hours"),
        ("o.ledger.advance", "拨快时钟", "Advance"), ("o.ledger.advanced", "已执行", "Done"), ("o.ledger.settleNow", "立即结算到期订单", "Settle due orders now"),
        ("o.ledger.ran", "取消 {0} · 自动收货 {1} · 售后推进 {2} · 结算 {3} · 活动结束 {4} · 流量池晋级 {5} / 转自然 {6}",
            "cancelled {0} · received {1} · after-sales moved {2} · settled {3} · promotions ended {4} · pools promoted {5} / left organic {6}"),
        ("o.ledger.settled", "结算了 {0} 个订单", "{0} orders settled"),
    ];
}
