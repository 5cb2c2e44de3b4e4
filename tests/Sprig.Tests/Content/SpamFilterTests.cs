using Sprig.Content;

namespace Sprig.Tests.Content;

/// <summary>
/// The spam filter against a corpus: spam it must hold and ordinary product texts (full of numbers, sizes, prices,
/// dates and model numbers) it must pass, in Chinese and English.
/// </summary>
public sealed class SpamFilterTests
{
    public static readonly TheoryData<string, SpamRule> Spam = new()
    {
        // links
        { "正品低价，详情请看 www.haohuo-tejia.com 官网直购", SpamRule.Link },
        { "点击 https://t.cn/A6xYz9 领取新人优惠券", SpamRule.Link },
        { "更多款式在 shop-outlet.top 上", SpamRule.Link },
        { "复制链接打开 ｈｔｔｐｓ：／／ｘｘ．ｃｎ／ａｂｃ 下单更便宜", SpamRule.Link },
        { "Cheap replicas at bestdeals.shop, free shipping worldwide", SpamRule.Link },
        { "Visit www . cheapwatch . com for 90% off", SpamRule.Link },
        { "进群领福利 t.me/haowu_group", SpamRule.Link },
        { "官网 haowu。com 更便宜", SpamRule.Link },
        // phone numbers
        { "有意者请致电 13812345678 咨询", SpamRule.Phone },
        { "批发价联系 138-1234-5678", SpamRule.Phone },
        { "电话 １３９ ８７６５ ４３２１ 随时打", SpamRule.Phone },
        { "手机号：一三八一二三四五六七八，备注来意", SpamRule.Phone },
        { "订购热线 400-820-8820", SpamRule.Phone },
        { "微商勿扰，电话 138.1234.5678", SpamRule.Phone },
        { "手机 139/8765/4321 同号", SpamRule.Phone },
        { "拨打 138—1234—5678 或 139~8765~4321", SpamRule.Phone },
        { "热线 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 随时", SpamRule.Phone },
        { "手机1\u00AD38\u00AD1234\u00AD5678", SpamRule.Phone },
        { "门店座机 021-6888 8888 欢迎来电", SpamRule.Phone },
        { "Call +86 139 0000 1234 for wholesale prices", SpamRule.Phone },
        { "WhatsApp me on +1 415 555 0100", SpamRule.Phone },
        // messaging handles
        { "想要更便宜的加我微信 haowu888", SpamRule.Contact },
        { "加V：sprig2024 领取优惠", SpamRule.Contact },
        { "私聊我 vx 13800abc 发你内部价", SpamRule.Contact },
        { "微信号：tejia_shop", SpamRule.Contact },
        { "有问题 V信 联系，秒回", SpamRule.Contact },
        { "扣扣号 12345678 进群", SpamRule.Contact },
        { "QQ：987654321 长期收货", SpamRule.Contact },
        { "加 我 好 友 带你赚钱", SpamRule.Contact },
        { "Add me on WeChat: cheapbags88", SpamRule.Contact },
        { "DM me on telegram for the real price", SpamRule.Contact },
        { "建议私下交易，不走平台更便宜", SpamRule.Contact },
        { "薇信搜索 haohuo 有惊喜", SpamRule.Contact },
        { "售后问题请添加客服微信处理", SpamRule.Contact },
        { "微信号：ⓗⓐⓞⓦⓤ888", SpamRule.Contact },
        { "Add me on 𝐰𝐞𝐜𝐡𝐚𝐭: cheapbags88", SpamRule.Contact },
        { "联系 店主 QQ 拿内部价", SpamRule.Contact },
        // app downloads
        { "最新版本APP免费下载安装，注册即送 88 元", SpamRule.AppDownload },
        { "扫码下载客户端，首单立减", SpamRule.AppDownload },
        { "下载 APP 领现金红包", SpamRule.AppDownload },
        { "刷单兼职 app 下载 日赚 300", SpamRule.AppDownload },
        { "Free download! Install the app and earn cash every day", SpamRule.AppDownload },
        // repetition
        { "好好好好好好好好好好好好", SpamRule.Repetition },
        { "限时秒杀！限时秒杀！限时秒杀！限时秒杀！", SpamRule.Repetition },
        { "快来买 快来买 快来买 快来买 快来买", SpamRule.Repetition },
        { "BUY NOW BUY NOW BUY NOW BUY NOW", SpamRule.Repetition },
        { "cheap cheap cheap cheap cheap bags", SpamRule.Repetition },
    };

    public static readonly TheoryData<string> Ordinary =
    [
        "2019 年春茶，勐海古树料，紧压熟茶，357g 一饼，七饼一提。",
        "法式牛轧糖，少糖配方，独立包装，原味 500g，抹茶 500g，混合 1kg。",
        "六种坚果果干，每袋 25g，30 袋装，生产日期 2024-10-15，保质期 180 天。",
        "22 姆米重磅真丝，长袖长裤，M/L/XL 三个尺码，香槟色、墨绿两色可选。",
        "70% 羊毛 30% 聚酯纤维，双面呢工艺，S 码衣长 105cm，胸围 98cm。",
        "260g 精梳棉，不易变形，M 175/92A，L 180/96A，XL 185/100A。",
        "神经酰胺配方，敏感肌可用，30ml 售价 ¥269，50ml ¥399，双十一到手价 ¥229。",
        "氨基酸洁面乳 120g，pH 5.5 弱酸性，温和清洁不紧绷。",
        "PD 协议 20W 快充，兼容 iPhone 15/16 与主流安卓手机，输入 100-240V ~ 50/60Hz。",
        "磁吸无线充电宝 10000mAh，15W 磁吸无线充，自带支架，重量约 210g。",
        "铸铁珐琅锅 24cm，容量 4.2L，电磁炉、燃气灶、烤箱可用，限时 ¥699。",
        "3-6 岁儿童绘本 10 册，亲子共读，每册 32 页，16 开精装。",
        "型号 KX-T7730，额定功率 1800W，电压 220V，净重 3.5kg，尺寸 30×20×15 cm。",
        "条形码 6901234567892，产地浙江杭州，执行标准 GB/T 22165-2008。",
        "下单后 48 小时内发货，支持 7 天无理由退货，运费险已含。",
        "买二送一，第二件半价，活动时间 11 月 1 日 00:00 至 11 月 11 日 23:59。",
        "加湿器 4L 大容量，静音 26dB，续航 12-24 小时，支持米家 APP 远程控制。",
        "蓝牙 5.3，续航 30 小时，IPX5 防水，Type-C 充电 10 分钟听 2 小时。",
        "不锈钢保温杯 500ml，304 食品级内胆，保温 12 小时，保冷 24 小时。",
        "免安装，包邮到家，实木床 1.8m × 2.0m，承重 500kg，3 年质保。",
        "适合身高 155-165cm，体重 90-110 斤，面料含棉 95% 氨纶 5%。",
        "每日现摘现发，单果 80-90mm，5 斤装约 12-15 个，坏果包赔。",
        "本店支持微信支付和支付宝，发票可开，欢迎参加我们的直播抽奖。",
        "QQ 糖 6 种口味混装，每包 70g，添加微量元素，老少皆宜。",
        "0 添加蔗糖，加热 3 分钟即食，微信支付、支付宝均可。",
        "哈哈哈哈这个颜色太好看了，已经回购三次！",
        "无添加剂QQ糖，水果味软糖 500g",
        "参加活动送QQ会员一个月",
        "加热即食 微信支付也可以",
        "内长 15.5/16.5/17.5/18cm 四个尺码",
        "哈哈哈哈哈哈哈哈哈哈哈 笑死我了",
        "hahahahaha love the colour",
        "主播讲得很清楚，尺码偏大，建议拍小一码……",
        "咨询尺码请点击右下角客服，私信回复更快哦。",
        "Organic Yunnan pu-erh tea, 357g cake, harvested spring 2019, aged 5 years.",
        "100% cotton heavyweight tee, 260 gsm, sizes S/M/L/XL/XXL, pre-shrunk.",
        "Stainless steel bottle, 500ml / 17oz, keeps drinks cold for 24 hours. Only $19.99.",
        "Model WX-2000 espresso machine: 15 bar pump, 1.5L tank, 1350W, 220-240V.",
        "Dimensions (W x D x H): 60 x 40 x 75 cm. Assembly takes about 20 minutes.",
        "Ships within 48 hours. Free returns within 7 days. Made in China. Net weight 2.5kg.",
        "Released 2024-11-11, limited edition of 500 pieces, each numbered 001-500.",
        "Great quality, fast delivery, would buy again! 5 stars.",
        "Fits iPhone 15 Pro Max, 6.7 inch, MagSafe compatible, drop tested to 2m.",
        "Serum with 5% niacinamide and 2% ceramides, 30ml, suitable for sensitive skin.",
        "Buy 2 get 1 free until Nov 11, 23:59 Beijing time (UTC+8).",
    ];

    [Theory]
    [MemberData(nameof(Spam))]
    public void Spam_IsHeld_ByTheRightRule(string text, SpamRule rule)
    {
        var hit = SpamFilter.Check(text);
        Assert.True(hit is not null, $"passed: {text}");
        Assert.Equal(rule, hit.Rule);
        Assert.False(string.IsNullOrWhiteSpace(hit.Reason));
    }

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void OrdinaryText_Passes(string text)
    {
        var hit = SpamFilter.Check(text);
        Assert.True(hit is null, $"held ({hit?.Rule}: {hit?.Reason}): {text}");
    }

    [Fact]
    public void Corpus_IsBigEnough_InBothLanguages()
    {
        static bool Chinese(string s) => s.Any(c => c is >= '\u4e00' and <= '\u9fff');
        var spam = Spam.Select(row => (string)((ITheoryDataRow)row).GetData()[0]!).ToList();
        var ordinary = Ordinary.Select(row => (string)((ITheoryDataRow)row).GetData()[0]!).ToList();
        Assert.True(spam.Count >= 30 && ordinary.Count >= 30);
        Assert.True(spam.Count(Chinese) >= 20 && spam.Count(s => !Chinese(s)) >= 7);
        Assert.True(ordinary.Count(Chinese) >= 20 && ordinary.Count(s => !Chinese(s)) >= 7);
    }

    [Fact]
    public void BannedWords_AreHeld_WhateverTheCaseWidthOrSpacing()
    {
        string[] banned = ["高仿", "Replica"];
        Assert.Equal(SpamRule.BannedWord, SpamFilter.Check("一比一高仿名牌包", banned)?.Rule);
        Assert.Equal(SpamRule.BannedWord, SpamFilter.Check("高 仿 包包", banned)?.Rule);
        Assert.Equal(SpamRule.BannedWord, SpamFilter.Check("Top REPLICA watches", banned)?.Rule);
        Assert.Equal(SpamRule.BannedWord, SpamFilter.Check("ｒｅｐｌｉｃａ", banned)?.Rule);
        Assert.Contains("高仿", SpamFilter.Check("高仿", banned)!.Reason);
        Assert.Null(SpamFilter.Check("正品保障，假一赔十", banned));
        Assert.Null(SpamFilter.Check("一比一高仿名牌包"));
    }

    [Fact]
    public void SeveralTexts_TheFirstHitWins_EmptyOnesPass()
    {
        Assert.Null(SpamFilter.Check([null, "", "  ", "纯棉 T 恤"]));
        Assert.Equal(SpamRule.Phone, SpamFilter.Check(["纯棉 T 恤", "电话 13812345678"])?.Rule);
    }

    [Fact]
    public void LongOrdinaryText_IsCheckedQuickly()
    {
        var body = string.Concat(Enumerable.Repeat("纯棉面料，透气舒适，M/L/XL 可选，¥59 包邮。", 120));
        var started = System.Diagnostics.Stopwatch.StartNew();
        // the same sentence 120 times is spam; the point is that it is found fast
        Assert.Equal(SpamRule.Repetition, SpamFilter.Check(body)?.Rule);
        Assert.True(started.ElapsedMilliseconds < 1_000, $"took {started.ElapsedMilliseconds} ms");
    }

    /// <summary>A long text is checked in time (the rules are anchored), and it is clean or held, never an error.</summary>
    [Fact]
    public void ALongRunOfLetters_IsCheckedInTime()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(SpamFilter.Check(new string('a', 5_000) + " 点 ok"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"took {started.Elapsed}");
    }
}
