using JiebaNet.Segmenter;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Sprig.Catalog.Search;

/// <summary>
/// How product text becomes search terms, in Chinese and English alike: jieba cuts Chinese into words, Latin runs stay
/// whole, then lower case, English possessives and stop words out, and the Porter stemmer ("chargers" → "charger",
/// "running" → "run"; like Elasticsearch's english analyzer, it also makes "organic" "organ": KStem, the gentler one,
/// leaves "running" alone, which buyers notice more). Documents are cut in jieba's search mode (the long word and the
/// words inside it: 充电器 gives 充电, 电器, 充电器), queries in its default mode, so a query's word is found inside a
/// longer one of the title.
/// </summary>
public static class ShelfText
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    static ShelfText() => ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");

    /// <summary>For indexed fields.</summary>
    public static Analyzer ForDocuments() => new ShelfAnalyzer(TokenizerMode.Search);

    /// <summary>For what a buyer types.</summary>
    public static Analyzer ForQueries() => new ShelfAnalyzer(TokenizerMode.Default);

    /// <summary>Single Han characters of a text, for the field that lets a one-character query (男, 壳) find words that contain it.</summary>
    public static Analyzer ForCharacters() => new HanCharacterAnalyzer();

    /// <summary>The terms a text gives, in order (duplicates kept).</summary>
    public static List<string> Terms(Analyzer analyzer, string text) =>
        Tokens(analyzer, text).Select(t => t.Term).ToList();

    public static List<(string Term, int Start, int End)> Tokens(Analyzer analyzer, string text)
    {
        var list = new List<(string, int, int)>();
        using var ts = analyzer.GetTokenStream("text", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) list.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        ts.End();
        return list;
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\uf900' and <= '\ufaff';

    /// <summary>
    /// What jieba is given: spaces next to a Han character dropped (Chinese doesn't separate words with spaces, and
    /// "纯棉 T 恤" should cut like "纯棉T恤"), Latin letters upper-cased (jieba's dictionary spells T恤, U盘, KTV
    /// that way). Same length bookkeeping: <paramref name="map"/> gives each kept character's place in the original.
    /// </summary>
    public static string Normalize(string text, out int[] map)
    {
        var chars = new char[text.Length];
        map = new int[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                var prev = n > 0 ? chars[n - 1] : ' ';
                var next = NextNonSpace(text, i);
                if (IsHan(prev) || IsHan(next) || n == 0 || next == ' ') continue;
                c = ' ';
                if (prev == ' ') continue;
            }
            else if (c is >= 'a' and <= 'z') c = (char)(c - 32);
            else if (c is >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or >= '０' and <= '９') c = char.ToUpperInvariant((char)(c - 0xFEE0)); // full-width Latin
            map[n] = i;
            chars[n++] = c;
        }
        map[n] = text.Length;
        return new string(chars, 0, n);
    }

    private static char NextNonSpace(string text, int i)
    {
        for (var j = i + 1; j < text.Length; j++) if (!char.IsWhiteSpace(text[j])) return text[j];
        return ' ';
    }

    // a few function words that jieba keeps as words of their own
    internal static readonly CharArraySet StopWords = Stop();

    private static CharArraySet Stop()
    {
        var set = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var w in new[] { "的", "了", "和", "与", "及", "或", "之" }) set.Add(w);
        return set;
    }

    private sealed class ShelfAnalyzer(TokenizerMode mode) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new JiebaTokenizer(reader, mode);
            TokenStream s = new LowerCaseFilter(Version, source);
            s = new EnglishPossessiveFilter(Version, s);
            s = new StopFilter(Version, s, StopWords);
            s = new PorterStemFilter(s);
            return new TokenStreamComponents(source, s);
        }
    }

    private sealed class HanCharacterAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            new(new HanCharacterTokenizer(reader));
    }
}

/// <summary>jieba's words of the whole text as Lucene tokens, with offsets into the original text; punctuation and spaces dropped.</summary>
internal sealed class JiebaTokenizer : Tokenizer
{
    private readonly JiebaSegmenter _segmenter = new();
    private readonly TokenizerMode _mode;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private List<(string Word, int Start, int End)> _tokens = [];
    private int _next;
    private int _length;

    public JiebaTokenizer(TextReader reader, TokenizerMode mode) : base(reader)
    {
        _mode = mode;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _length = text.Length;
        var normal = ShelfText.Normalize(text, out var map);
        _tokens = normal.Length == 0
            ? []
            : _segmenter.Tokenize(normal, _mode)
                .Where(t => t.Word.Any(char.IsLetterOrDigit))
                .Select(t => (t.Word.Trim(), map[t.StartIndex], map[t.EndIndex - 1] + 1))
                .ToList();
        _next = 0;
    }

    public override bool IncrementToken()
    {
        if (_next >= _tokens.Count) return false;
        ClearAttributes();
        var (word, start, end) = _tokens[_next++];
        _term.SetEmpty().Append(word);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(CorrectOffset(_length), CorrectOffset(_length));
    }
}

/// <summary>Each Han character of the text as a token of its own.</summary>
internal sealed class HanCharacterTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private string _text = "";
    private int _at;

    public HanCharacterTokenizer(TextReader reader) : base(reader) => _term = AddAttribute<ICharTermAttribute>();

    public override void Reset()
    {
        base.Reset();
        _text = m_input.ReadToEnd();
        _at = 0;
    }

    public override bool IncrementToken()
    {
        while (_at < _text.Length && !ShelfText.IsHan(_text[_at])) _at++;
        if (_at >= _text.Length) return false;
        ClearAttributes();
        _term.SetEmpty().Append(_text[_at++]);
        return true;
    }
}
