using System.Text;
using System.Text.RegularExpressions;

namespace Sprig.Content;

public enum SpamRule { Link, Phone, Contact, AppDownload, BannedWord, Repetition, Unchecked }

/// <summary>Why the filter held a text: the rule, and a sentence the author can act on.</summary>
public sealed record SpamHit(SpamRule Rule, string Reason);

/// <summary>
/// The spam filter on titles, bodies and comments: links, phone numbers, off-platform contact handles (导流 to
/// WeChat, QQ, Telegram), app-download adverts, the operator's banned words, and text spammed over and over
/// (刷屏). Pure code: it sees only the text and the banned words.
///
/// Spammers dodge filters with full-width letters, spaces inside words (微 信), Chinese numerals for digits
/// (一三八…), so each rule looks at the text folded to half-width lower case and, where spacing cannot make an
/// honest text look guilty, with separators squeezed out too. Ordinary descriptions are full of numbers (500ml,
/// XL, ¥59, 2024-11-11, model numbers): rules on digits demand a whole phone number bounded by non-digits.
/// </summary>
public static partial class SpamFilter
{
    /// <summary>The first rule the texts break, or null when they are clean.</summary>
    public static SpamHit? Check(IEnumerable<string?> texts, IReadOnlyCollection<string>? bannedWords = null)
    {
        foreach (var text in texts)
            if (Check(text, bannedWords) is { } hit) return hit;
        return null;
    }

    public static SpamHit? Check(string? text, IReadOnlyCollection<string>? bannedWords = null)
    {
        try
        {
            return Rules(text, bannedWords);
        }
        catch (RegexMatchTimeoutException)
        {
            // a text the rules could not finish with in time is held for a person, not answered with a 500
            return new(SpamRule.Unchecked, "The text could not be checked automatically: it waits for a review.");
        }
    }

    private static SpamHit? Rules(string? text, IReadOnlyCollection<string>? bannedWords)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var folded = Fold(text);
        var despaced = Whitespace().Replace(folded, "");
        var squashed = Separators().Replace(folded, "");

        // 。 between a name and a domain is a dot spelled to get past filters (haowu。com)
        var dotted = folded.Replace('。', '.');
        if ((FirstMatch(dotted, Url(), Domain(), ChineseDot()) ?? FirstMatch(despaced.Replace('。', '.'), Url(), ShortDomain())) is { } link)
            return new(SpamRule.Link, $"Contains a link (\"{Clip(link)}\"): links that lead off the platform are not allowed.");

        var numerals = ChineseNumerals(folded);
        var digits = DigitSeparators().Replace(numerals, "");
        if ((FirstMatch(digits, Mobile(), Hotline()) ?? FirstMatch(numerals, DottedMobile()) ?? FirstMatch(folded, Landline(), International())) is { } phone)
            return new(SpamRule.Phone, $"Contains a phone number (\"{Clip(phone)}\"): contact details are not allowed; buyers reach you through the platform.");

        if ((FirstMatch(folded, HandleWithDigits(), LabelledHandle(), HandleWord()) ?? FirstMatch(despaced, AddMe())
            ?? FirstMatch(squashed, HandleWithDigits(), LabelledHandle(), ContactWord())) is { } contact)
            return new(SpamRule.Contact, $"Asks buyers to contact you off the platform (\"{Clip(contact)}\"): WeChat, QQ, Telegram and similar handles are not allowed.");

        if ((FirstMatch(folded, AppDownload(), EnglishDownload()) ?? FirstMatch(squashed, SquashedAppDownload())) is { } app)
            return new(SpamRule.AppDownload, $"Advertises an app download (\"{Clip(app)}\"): download adverts are not allowed.");

        foreach (var word in bannedWords ?? [])
        {
            var w = Fold(word).Trim();
            if (w.Length == 0) continue;
            // spaces inside a banned word (代 购) do not hide it; punctuation is not squeezed, so "代，购买" stays clean
            var despacedWord = Whitespace().Replace(w, "");
            if (folded.Contains(w, StringComparison.Ordinal) || despaced.Contains(despacedWord, StringComparison.Ordinal))
                return new(SpamRule.BannedWord, $"Contains the banned word \"{Clip(word.Trim())}\".");
        }

        if (Repetition(squashed) is { } repeated)
            return new(SpamRule.Repetition, $"Repeats the same text over and over (\"{Clip(repeated)}\"): say it once.");
        return null;
    }

    /// <summary>
    /// Half-width, lower case, without invisible (format) characters; circled digits and letters, and the mathematical
    /// bold, italic and other styles of letters and digits (𝟏𝟑𝟖, 𝐰𝐱), become plain ones. By hand, not NFKC: the build
    /// runs with invariant globalization, where string normalisation leaves non-ASCII text as it is.
    /// </summary>
    public static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, s[i + 1]);
                if (cp is >= 0x1D7CE and <= 0x1D7FF) { sb.Append((char)('0' + (cp - 0x1D7CE) % 10)); i++; continue; }  // 𝟎…𝟿
                if (cp is >= 0x1D400 and <= 0x1D6A3) { sb.Append((char)('a' + (cp - 0x1D400) % 52 % 26)); i++; continue; } // 𝐀…𝚣
                sb.Append(c);
                continue;
            }
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);     // full-width ASCII
            else if (c == '\u3000') c = ' ';
            else if (c is >= '\u2460' and <= '\u2468') c = (char)('1' + (c - '\u2460')); // ①…⑨
            else if (c is >= '\u2474' and <= '\u247C') c = (char)('1' + (c - '\u2474')); // ⑴…⑼
            else if (c is >= '\u24B6' and <= '\u24CF') c = (char)('a' + (c - '\u24B6')); // Ⓐ…Ⓩ
            else if (c is >= '\u24D0' and <= '\u24E9') c = (char)('a' + (c - '\u24D0')); // ⓐ…ⓩ
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue; // zero-width, soft hyphen, direction marks
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    // 两 is left alone: "两件" is everyday text, and nobody spells a phone number with it
    private static string ChineseNumerals(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(c switch
            {
                '零' or '〇' => '0', '一' or '壹' or '幺' => '1', '二' or '贰' => '2', '三' or '叁' => '3', '四' or '肆' => '4',
                '五' or '伍' => '5', '六' or '陆' => '6', '七' or '柒' => '7', '八' or '捌' => '8', '九' or '玖' => '9',
                _ => c,
            });
        return sb.ToString();
    }

    /// <summary>
    /// Text spammed over and over: one character ten times in a row, or a phrase (of at least two different
    /// characters, with a letter in it) four times in a row, or a phrase of four or more three times.
    /// Digits, decoration (…, ——, ~~) and laughter do not count.
    /// </summary>
    private static string? Repetition(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsLetter(c) && !Laughter.Contains(c))
            {
                var run = 1;
                while (i + run < s.Length && s[i + run] == c) run++;
                if (run >= 10) return new string(c, 3) + "…";
            }
            for (var len = 2; len <= 30 && i + len * 3 <= s.Length; len++)
            {
                var unit = s.AsSpan(i, len);
                if (!HasLetter(unit) || IsOneChar(unit) || unit.IndexOfAnyExcept(Laughter) < 0) continue;
                var reps = 1;
                while (i + (reps + 1) * len <= s.Length && s.AsSpan(i + reps * len, len).SequenceEqual(unit)) reps++;
                if (reps >= 4 || (reps >= 3 && len >= 4)) return unit.ToString();
            }
        }
        return null;
    }

    /// <summary>Laughter and cries (哈哈哈哈哈哈哈哈哈哈, hahahaha, 啊啊啊): how buyers comment, not spam.</summary>
    private static readonly System.Buffers.SearchValues<char> Laughter = System.Buffers.SearchValues.Create("哈呵嘿嘻啊哇呜嗯噢哦嘤hae");

    private static bool HasLetter(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (char.IsLetter(c)) return true;
        return false;
    }

    private static bool IsOneChar(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c != s[0]) return false;
        return true;
    }

    private static string? FirstMatch(string s, params Regex[] rules)
    {
        foreach (var rule in rules)
            if (rule.Match(s) is { Success: true } m) return m.Value;
        return null;
    }

    private static string Clip(string s)
    {
        s = s.Trim();
        return s.Length <= 40 ? s : s[..40] + "…";
    }

    private const RegexOptions Opt = RegexOptions.CultureInvariant;
    private const int TimeoutMs = 200;

    [GeneratedRegex(@"\s+", Opt, TimeoutMs)]
    private static partial Regex Whitespace();

    // what spammers put inside words to split them; squeezing these never joins an honest sentence into a handle
    [GeneratedRegex(@"[\s\-_.·•*|/\\~、,，。;；'""`^]+", Opt, TimeoutMs)]
    private static partial Regex Separators();

    // not across "." or "/": 15.5/16.5/17.5 is a size chart, not 15516517.5 (those take the 3-4-4 form, DottedMobile)
    [GeneratedRegex(@"(?<=\d)[\s\-_·*|~—–]+(?=\d)", Opt, TimeoutMs)]
    private static partial Regex DigitSeparators();

    [GeneratedRegex(@"(?<![\d./])(\+?86[./]?)?1[3-9]\d[./]\d{4}[./]\d{4}(?![\d./])", Opt, TimeoutMs)]
    private static partial Regex DottedMobile();

    [GeneratedRegex(@"(https?://|www\.)\S+|t\.me/\S*", Opt, TimeoutMs)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![a-z0-9])[a-z0-9][a-z0-9\-]*\.(com|cn|net|org|io|me|cc|top|xyz|vip|shop|info|tk|ly|app|site|online|link|club|ltd|wang|store|live)(?![a-z0-9])", Opt, TimeoutMs)]
    private static partial Regex Domain();

    [GeneratedRegex(@"(?<![a-z0-9])[a-z0-9][a-z0-9\-]*\.(com|cn|net|top|xyz|vip)(?![a-z0-9])", Opt, TimeoutMs)]
    private static partial Regex ShortDomain();

    // anchored on the left: unanchored, a long run of letters was tried from each of its characters in turn
    [GeneratedRegex(@"(?<![a-z0-9])[a-z0-9]+\s*(点|dot)\s*(com|cn|net)(?![a-z])", Opt, TimeoutMs)]
    private static partial Regex ChineseDot();

    // a whole mainland mobile number (optionally +86), not a piece of a longer number such as a barcode
    [GeneratedRegex(@"(?<!\d)(\+?86)?1[3-9]\d{9}(?!\d)", Opt, TimeoutMs)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<!\d)[48]00\d{7}(?!\d)", Opt, TimeoutMs)]
    private static partial Regex Hotline();

    [GeneratedRegex(@"(?<![\d.])\(?0\d{2,3}\)?[\-\s]\d{3,4}[\-\s]?\d{4}(?!\d)", Opt, TimeoutMs)]
    private static partial Regex Landline();

    [GeneratedRegex(@"\+\d{1,3}[\s\-]?\d{2,4}[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?!\d)", Opt, TimeoutMs)]
    private static partial Regex International();

    private const string Messenger = @"(微信|威信|薇信|徽信|维信|v信|(?<![a-z])(vx|wx|weixin|wechat|qq|tg|telegram|whatsapp))";

    // a messenger's name and an id with a digit in it: vx 12345678, wx abc123, QQ 123456789
    [GeneratedRegex(Messenger + @"\s*[:：]?\s*(?=[a-z_\-]*\d)[a-z0-9_][a-z0-9_\-]{4,}", Opt, TimeoutMs)]
    private static partial Regex HandleWithDigits();

    // a messenger's name, a label and any id: 微信号: sprigshop, wechat id: abcdef
    [GeneratedRegex(Messenger + @"\s*((号|id|账号|群号?)\s*[:：]?|[:：])\s*[a-z0-9_][a-z0-9_\-]{4,}", Opt, TimeoutMs)]
    private static partial Regex LabelledHandle();

    // names only spam uses (the misspellings exist to get past filters)
    [GeneratedRegex(@"v信|薇信|徽信|扣扣号|企鹅号|纸飞机|telegram|whatsapp", Opt, TimeoutMs)]
    private static partial Regex HandleWord();

    // "加我" but not 参加/增加/附加… followed by 我们; "加客服微信": whose messenger to add, named (any few characters
    // between 加 and a messenger held 无添加剂QQ糖, 参加活动送QQ会员 and 加热即食 微信支付)
    [GeneratedRegex(@"(?<![参增附追更叠施强])加我|(加|添加|联系|搜索?)(微信|威信|薇信|徽信|v信|vx|wx|qq|扣扣|企鹅|电报|飞机|tg|telegram)|(加|\+)[vw](?![a-z])|加[薇徽]|(?<![参增附追更叠施强])(加|添加|联系)(一下)?(我们|客服|店主|店长|老板|掌柜|小编|主播|博主|群主|好友|本人|官方)的?(个人|私人|工作)?(微信|v信|vx|wx|qq|扣扣)", Opt, TimeoutMs)]
    private static partial Regex AddMe();

    [GeneratedRegex(@"私下交易|站外交易|线下交易|绕过平台", Opt, TimeoutMs)]
    private static partial Regex ContactWord();

    [GeneratedRegex(@"(?<![a-z])(app|apk)\s*(免费)?\s*(下载|安装)|客户端\s*(免费)?\s*下载|下载\s*(安装)?\s*((?<![a-z])app|apk|客户端)|免费下载|扫码下载|下载链接", Opt, TimeoutMs)]
    private static partial Regex AppDownload();

    // with punctuation squeezed out, only the unmistakable forms: "APP-免费-下载", "下.载.A.P.P"
    [GeneratedRegex(@"(app|apk)(免费)?下载|下载(安装)?(app|apk)", Opt, TimeoutMs)]
    private static partial Regex SquashedAppDownload();

    [GeneratedRegex(@"(free\s+download|download\s+(the|our|this)?\s*app|download\s+now|install\s+(the|our)\s+app|get\s+the\s+app)", Opt, TimeoutMs)]
    private static partial Regex EnglishDownload();
}
