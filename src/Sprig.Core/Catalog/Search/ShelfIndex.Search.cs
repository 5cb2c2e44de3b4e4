using System.Net;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Sprig.Kernel;

namespace Sprig.Catalog.Search;

public sealed partial class ShelfIndex
{
    /// <summary>Where a query word is looked for, and how much a match there counts.</summary>
    private static readonly (string Field, float Boost)[] TextFields =
        [(TitleField, 3f), (CategoryText, 2f), (SkuText, 1.5f), (ShopText, 1f), (DescriptionText, 0.5f)];

    /// <summary>A page of the shelf; waits for the node's first build (503 <c>search_unavailable</c> if it takes too long).</summary>
    public async Task<ShelfPage> SearchAsync(ShelfQuery q, CancellationToken ct)
    {
        if (!Ready.IsCompleted)
        {
            try
            {
                await Ready.WaitAsync(TimeSpan.FromSeconds(_options.ReadyTimeoutSeconds), ct);
            }
            catch (TimeoutException)
            {
                throw new SprigException(503, "search_unavailable", "Search is starting on this node; try again shortly.");
            }
        }
        return Search(q);
    }

    public ShelfPage Search(ShelfQuery q)
    {
        var terms = q.Text is null ? [] : ShelfText.Terms(_queries, q.Text).Distinct().ToList();
        // words that analyse to nothing (only punctuation or stop words) find nothing, rather than everything
        if (q.Text is not null && terms.Count == 0) return new ShelfPage([], null);

        Query query = terms.Count == 0 ? new MatchAllDocsQuery() : TextQuery(terms);
        if (q.Sort == ShelfSort.Relevance) query = new BlendQuery(query, _options.SalesWeight, _options.GpmWeight);
        var sort = SortOf(q.Sort);
        var take = q.Limit + 1; // the extra one only says there is more

        var searcher = _searchers.Acquire();
        try
        {
            var filter = FilterOf(q);
            var top = q.After is { } after
                ? searcher.SearchAfter(FieldDocOf(after), query, filter, take, sort, doDocScores: q.Sort == ShelfSort.Relevance, doMaxScore: false)
                : searcher.Search(query, filter, take, sort, doDocScores: q.Sort == ShelfSort.Relevance, doMaxScore: false);
            var leaves = searcher.IndexReader.Leaves;
            var hits = top.ScoreDocs.Take(q.Limit).Select(h => Read(searcher, leaves, h, terms)).ToList();
            string? next = null;
            if (top.ScoreDocs.Length > q.Limit)
            {
                var last = (FieldDoc)top.ScoreDocs[q.Limit - 1];
                next = CursorOf(q.Sort, last).ToString();
            }
            return new ShelfPage(hits, next);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Every query word must match somewhere (title, category names, SKU names, shop name, description), except that
    /// a longer query may miss one word in four ("苹果 15 手机壳" still finds a case whose title says iPhone).
    /// A one-character Han word also matches inside longer words (男 finds 男款) through the character field, weakly.
    /// </summary>
    private static Query TextQuery(List<string> terms)
    {
        var all = new BooleanQuery(disableCoord: true);
        foreach (var t in terms)
        {
            var any = new DisjunctionMaxQuery(0.1f);
            foreach (var (field, boost) in TextFields) any.Add(new TermQuery(new Term(field, t)) { Boost = boost });
            if (t.Length == 1 && ShelfText.IsHan(t[0])) any.Add(new TermQuery(new Term(HanChars, t)) { Boost = 0.5f });
            all.Add(any, Occur.SHOULD);
        }
        all.MinimumNumberShouldMatch = terms.Count <= 2 ? terms.Count : (int)Math.Ceiling(terms.Count * 0.75);
        return all;
    }

    private static Filter? FilterOf(ShelfQuery q)
    {
        var must = new BooleanQuery();
        if (q.CategoryId is { } c) must.Add(new TermQuery(new Term(CategoryField, c.ToString("N"))), Occur.MUST);
        if (q.ShopId is { } s) must.Add(new TermQuery(new Term(ShopField, s.ToString("N"))), Occur.MUST);
        if (q.MinPrice is not null || q.MaxPrice is not null)
            must.Add(NumericRangeQuery.NewInt64Range(PriceField, q.MinPrice, q.MaxPrice, true, true), Occur.MUST);
        return must.Clauses.Count == 0 ? null : new QueryWrapperFilter(must);
    }

    private static readonly SortField ById = new(IdSort, SortFieldType.STRING);

    private static Sort SortOf(ShelfSort sort) => sort switch
    {
        ShelfSort.Sales => new Sort(new SortField(SalesField, SortFieldType.INT64, reverse: true), ById),
        ShelfSort.PriceAsc => new Sort(new SortField(PriceSort, SortFieldType.INT64), ById),
        ShelfSort.PriceDesc => new Sort(new SortField(PriceSort, SortFieldType.INT64, reverse: true), ById),
        // ids are UUID v7, so among products listed in the same instant the later one is first too
        ShelfSort.Newest => new Sort(new SortField(ListedField, SortFieldType.INT64, reverse: true), new SortField(IdSort, SortFieldType.STRING, reverse: true)),
        _ => new Sort(SortField.FIELD_SCORE, ById),
    };

    private static ShelfCursor CursorOf(ShelfSort sort, FieldDoc last)
    {
        var value = sort == ShelfSort.Relevance
            ? BitConverter.SingleToInt32Bits(((J2N.Numerics.Single)last.Fields[0]).ToSingle())
            : ((J2N.Numerics.Int64)last.Fields[0]).ToInt64();
        return new ShelfCursor(sort, value, Guid.ParseExact(((BytesRef)last.Fields[1]).Utf8ToString(), "N"));
    }

    /// <summary>
    /// The cursor as Lucene's "search after": sort values, then the id. Its doc number is past every document, so
    /// the cursor's own product (whatever its doc number is now) is never served again.
    /// </summary>
    private static FieldDoc FieldDocOf(ShelfCursor c)
    {
        object first = c.Sort == ShelfSort.Relevance
            ? J2N.Numerics.Single.GetInstance(BitConverter.Int32BitsToSingle((int)c.Value))
            : J2N.Numerics.Int64.GetInstance(c.Value);
        var score = c.Sort == ShelfSort.Relevance ? BitConverter.Int32BitsToSingle((int)c.Value) : float.NaN;
        return new FieldDoc(int.MaxValue, score, [first, new BytesRef(c.Id.ToString("N"))]);
    }

    private ShelfItem Read(IndexSearcher searcher, IList<AtomicReaderContext> leaves, ScoreDoc hit, List<string> terms)
    {
        var doc = searcher.Doc(hit.Doc);
        var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
        var local = hit.Doc - leaf.DocBase;
        long Value(string field) => leaf.AtomicReader.GetNumericDocValues(field)?.Get(local) ?? 0;
        var title = doc.Get(TitleField);
        return new ShelfItem(
            Guid.ParseExact(doc.Get(IdField), "N"), Guid.ParseExact(doc.Get(ShopField), "N"), doc.Get(ShopName),
            Guid.ParseExact(doc.Get(CategoryId), "N"), title, doc.GetField(PriceField).GetInt64Value() ?? 0, Money.Currency,
            Value(StockField), Value(SalesField), new DateTimeOffset(Value(ListedField), TimeSpan.Zero),
            terms.Count == 0 ? null : Highlight(title, terms));
    }

    /// <summary>The title, HTML-escaped, with the words the query matched in &lt;em&gt;; null when none matched there.</summary>
    private string? Highlight(string title, List<string> terms)
    {
        var wanted = terms.ToHashSet();
        var spans = ShelfText.Tokens(_documents, title).Where(t => wanted.Contains(t.Term)).Select(t => (t.Start, t.End)).OrderBy(s => s.Start).ToList();
        if (spans.Count == 0) return null;
        var merged = new List<(int Start, int End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End));
            else merged.Add(s);
        }
        var sb = new StringBuilder();
        var at = 0;
        foreach (var (start, end) in merged)
        {
            sb.Append(WebUtility.HtmlEncode(title[at..start])).Append("<em>").Append(WebUtility.HtmlEncode(title[start..end])).Append("</em>");
            at = end;
        }
        return sb.Append(WebUtility.HtmlEncode(title[at..])).ToString();
    }

    /// <summary>
    /// Text relevance first, then a boost from what sells: score = text × (1 + w_s·ln(1 + sales) + w_g·ln(1 + GPM in yuan)).
    /// The logarithms keep the boost a tie-breaker among comparable matches; they don't let a best-seller that barely
    /// matches pass a product that matches the words well. Without words (browsing) every match scores 1, so the
    /// order is the boost alone.
    /// </summary>
    private sealed class BlendQuery(Query text, double salesWeight, double gpmWeight) : CustomScoreQuery(text)
    {
        protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) => new Blend(context, salesWeight, gpmWeight);

        private sealed class Blend(AtomicReaderContext context, double salesWeight, double gpmWeight) : CustomScoreProvider(context)
        {
            private readonly NumericDocValues? _sales = context.AtomicReader.GetNumericDocValues(SalesField);
            private readonly NumericDocValues? _gpm = context.AtomicReader.GetNumericDocValues(GpmField);

            public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
            {
                var sales = Math.Max(0, _sales?.Get(doc) ?? 0);
                var gpmYuan = Math.Max(0, _gpm?.Get(doc) ?? 0) / 100.0;
                return (float)(subQueryScore * (1 + salesWeight * Math.Log(1 + sales) + gpmWeight * Math.Log(1 + gpmYuan)));
            }
        }
    }
}
