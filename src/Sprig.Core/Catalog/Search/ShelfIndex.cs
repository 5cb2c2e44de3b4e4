using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;

namespace Sprig.Catalog.Search;

/// <summary>
/// This node's search index: a Lucene index in memory holding the listed products of open shops, one document
/// each. It is a cache: <see cref="ShelfSync"/> builds it from the tables at start and keeps it current from the
/// change feed; nothing in it is the only copy of anything. One writer (the sync loop), any number of readers.
/// </summary>
public sealed partial class ShelfIndex : IDisposable
{
    // field names
    private const string IdField = "id", IdSort = "id_sort", ShopField = "shop", ShopName = "shop_name", ShopText = "shop_text",
        CategoryField = "cat", CategoryId = "cat_id", CategoryText = "cat_text", TitleField = "title", SkuText = "sku", DescriptionText = "desc",
        HanChars = "chars", PriceField = "price", PriceSort = "price_dv", ListedField = "listed_dv", SalesField = "sales", GpmField = "gpm", StockField = "stock";

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _documents;
    private readonly Analyzer _queries = ShelfText.ForQueries();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ShelfOptions _options;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<Guid, ShelfStats> _stats = [];

    public ShelfIndex(IOptions<ShelfOptions> options)
    {
        _options = options.Value;
        _documents = new PerFieldAnalyzerWrapper(ShelfText.ForDocuments(), new Dictionary<string, Analyzer> { [HanChars] = ShelfText.ForCharacters() });
        _writer = new IndexWriter(_directory, new IndexWriterConfig(ShelfText.Version, _documents)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 32,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Searchers());
    }

    /// <summary>Completes when the first build from the database is done; searches wait for it.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Documents in the index now (deleted ones not counted).</summary>
    public int Count
    {
        get
        {
            var s = _searchers.Acquire();
            try { return s.IndexReader.NumDocs; }
            finally { _searchers.Release(s); }
        }
    }

    internal void MarkReady() => _ready.TrySetResult();

    /// <summary>Empties the index before a build, starting from the given counters.</summary>
    internal void Clear(Dictionary<Guid, ShelfStats> stats)
    {
        _writer.DeleteAll();
        _stats.Clear();
        foreach (var (id, s) in stats) _stats[id] = s;
    }

    /// <summary>Adds the product, or replaces what the index had of it.</summary>
    internal void Put(IndexedProduct p)
    {
        // sales and GPM as of the last refresh; stock as just read
        var stats = _stats[p.Id] = _stats.GetValueOrDefault(p.Id) with { Stock = p.Stock };
        var id = p.Id.ToString("N");
        var doc = new Document
        {
            new StringField(IdField, id, Field.Store.YES),
            new SortedDocValuesField(IdSort, new BytesRef(id)),
            new StringField(ShopField, p.ShopId.ToString("N"), Field.Store.YES),
            new StoredField(ShopName, p.ShopName),
            new TextField(ShopText, p.ShopName, Field.Store.NO),
            new StoredField(CategoryId, p.CategoryId.ToString("N")),
            new TextField(CategoryText, p.CategoryText, Field.Store.NO),
            new TextField(TitleField, p.Title, Field.Store.YES),
            new TextField(SkuText, p.SkuText, Field.Store.NO),
            new TextField(DescriptionText, p.Description ?? "", Field.Store.NO),
            new TextField(HanChars, $"{p.Title} {p.SkuText} {p.CategoryText}", Field.Store.NO),
            new Int64Field(PriceField, p.MinPrice, Field.Store.YES),
            new NumericDocValuesField(PriceSort, p.MinPrice),
            new NumericDocValuesField(ListedField, p.ListedAt.UtcTicks),
            new NumericDocValuesField(SalesField, stats.Sales),
            new NumericDocValuesField(GpmField, stats.Gpm),
            new NumericDocValuesField(StockField, stats.Stock),
        };
        foreach (var c in p.CategoryPath) doc.Add(new StringField(CategoryField, c.ToString("N"), Field.Store.NO));
        _writer.UpdateDocument(new Term(IdField, id), doc);
    }

    internal void Remove(Guid productId) => _writer.DeleteDocuments(new Term(IdField, productId.ToString("N")));

    internal void RemoveShop(Guid shopId) => _writer.DeleteDocuments(new Term(ShopField, shopId.ToString("N")));

    /// <summary>Takes the new counters; only the products whose counters moved are touched (an in-place doc-values update, no re-analysis).</summary>
    internal int SetStats(IReadOnlyDictionary<Guid, ShelfStats> stats)
    {
        var changed = 0;
        foreach (var (id, s) in stats)
        {
            if (_stats.TryGetValue(id, out var old) && old == s) continue;
            _stats[id] = s;
            var term = new Term(IdField, id.ToString("N"));
            if (old.Sales != s.Sales) _writer.UpdateNumericDocValue(term, SalesField, s.Sales);
            if (old.Gpm != s.Gpm) _writer.UpdateNumericDocValue(term, GpmField, s.Gpm);
            if (old.Stock != s.Stock) _writer.UpdateNumericDocValue(term, StockField, s.Stock);
            changed++;
        }
        foreach (var id in _stats.Keys.Where(id => !stats.ContainsKey(id)).ToList())
        {
            // no longer listed, or its orders aged out of the window
            var old = _stats[id];
            _stats.Remove(id);
            var term = new Term(IdField, id.ToString("N"));
            if (old.Sales != 0) _writer.UpdateNumericDocValue(term, SalesField, 0);
            if (old.Gpm != 0) _writer.UpdateNumericDocValue(term, GpmField, 0);
            if (old.Stock != 0) _writer.UpdateNumericDocValue(term, StockField, 0);
            changed++;
        }
        return changed;
    }

    /// <summary>Makes what was written so far visible to searches.</summary>
    internal void Publish() => _searchers.MaybeRefreshBlocking();

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _documents.Dispose();
        _queries.Dispose();
    }

    private sealed class Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

}
