using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Content;
using Sprig.Distribution;
using Sprig.Finance;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Promotions;
using Sprig.Platform;
using Sprig.Shops;
using Sprig.Social;

namespace Sprig.Data;

/// <summary>
/// The shared model. Each provider derives its own context (<see cref="SqliteSprigDb"/>, <see cref="PostgresSprigDb"/>)
/// so each keeps its own migrations.
/// </summary>
public abstract class SprigDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<PaymentIntent> PaymentIntents => Set<PaymentIntent>();
    public DbSet<PaymentCallback> PaymentCallbacks => Set<PaymentCallback>();

    public DbSet<AfterSale> AfterSales => Set<AfterSale>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<JournalLine> JournalLines => Set<JournalLine>();
    public DbSet<AccountBalance> AccountBalances => Set<AccountBalance>();
    public DbSet<FeeProgram> FeePrograms => Set<FeeProgram>();
    public DbSet<SettlementPart> SettlementParts => Set<SettlementPart>();
    public DbSet<Withdrawal> Withdrawals => Set<Withdrawal>();
    public DbSet<AffiliatePlan> AffiliatePlans => Set<AffiliatePlan>();
    public DbSet<CreatorPromotion> CreatorPromotions => Set<CreatorPromotion>();
    public DbSet<CommissionOrder> CommissionOrders => Set<CommissionOrder>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<BuyerCoupon> BuyerCoupons => Set<BuyerCoupon>();
    public DbSet<SubsidyBudget> SubsidyBudgets => Set<SubsidyBudget>();
    public DbSet<FlashSale> FlashSales => Set<FlashSale>();
    public DbSet<FlashSaleBuyer> FlashSaleBuyers => Set<FlashSaleBuyer>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignEntry> CampaignEntries => Set<CampaignEntry>();

    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<ProductCard> ProductCards => Set<ProductCard>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<LiveViewer> LiveViewers => Set<LiveViewer>();
    public DbSet<BannedWord> BannedWords => Set<BannedWord>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<FriendRequest> FriendRequests => Set<FriendRequest>();
    public DbSet<Friendship> Friendships => Set<Friendship>();
    public DbSet<Like> Likes => Set<Like>();
    public DbSet<Share> Shares => Set<Share>();
    public DbSet<FeedItem> FeedItems => Set<FeedItem>();
    public DbSet<PoolTier> PoolTiers => Set<PoolTier>();
    public DbSet<ServedPage> ServedPages => Set<ServedPage>();
    public DbSet<FeedEvent> FeedEvents => Set<FeedEvent>();
    public DbSet<BuyerInterest> BuyerInterests => Set<BuyerInterest>();
    public DbSet<FeedPreference> FeedPreferences => Set<FeedPreference>();

    public DbSet<Analytics.Fact> Facts => Set<Analytics.Fact>();
    public DbSet<Analytics.FactCursor> FactCursors => Set<Analytics.FactCursor>();
    public DbSet<Analytics.BuyerProfile> BuyerProfiles => Set<Analytics.BuyerProfile>();
    public DbSet<Analytics.ShopDaily> ShopDailies => Set<Analytics.ShopDaily>();
    public DbSet<Analytics.ShopBuyerDaily> ShopBuyerDailies => Set<Analytics.ShopBuyerDaily>();
    public DbSet<Analytics.ItemDaily> ItemDailies => Set<Analytics.ItemDaily>();
    public DbSet<Analytics.CreatorDaily> CreatorDailies => Set<Analytics.CreatorDaily>();
    public DbSet<Analytics.PlatformDaily> PlatformDailies => Set<Analytics.PlatformDaily>();
    public DbSet<Analytics.ProgramDaily> ProgramDailies => Set<Analytics.ProgramDaily>();
    public DbSet<Analytics.SubsidyDaily> SubsidyDailies => Set<Analytics.SubsidyDaily>();
    public DbSet<Analytics.ShopMonthly> ShopMonthlies => Set<Analytics.ShopMonthly>();
    public DbSet<Catalog.Search.CatalogChange> CatalogChanges => Set<Catalog.Search.CatalogChange>();
    public DbSet<SocialChange> SocialChanges => Set<SocialChange>();

    public abstract bool IsPostgres { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        b.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<User>(e =>
        {
            e.HasIndex(u => u.Email).IsUnique();
            e.Property(u => u.Email).HasMaxLength(254);
            e.Property(u => u.DisplayName).HasMaxLength(64);
            e.Property(u => u.Roles).HasConversion<int>();
        });
        b.Entity<Setting>(e =>
        {
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(100);
        });
        b.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(r => new { r.UserId, r.Key });
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.Route).HasMaxLength(300);
        });
        b.Entity<Shop>(e =>
        {
            e.HasIndex(s => s.OwnerId);
            e.HasIndex(s => s.Status);
            e.Property(s => s.Name).HasMaxLength(64);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Property(s => s.Description).HasMaxLength(ShopSettings.MaxDescription);
            e.Property(s => s.LogoUrl).HasMaxLength(ShopSettings.MaxLogoUrl);
            e.Property(s => s.ServicePhone).HasMaxLength(32);
            e.Property(s => s.ReturnToName).HasMaxLength(64);
            e.Property(s => s.ReturnToPhone).HasMaxLength(32);
            e.Property(s => s.ReturnToRegion).HasMaxLength(128);
            e.Property(s => s.ReturnToLine).HasMaxLength(256);
            e.Ignore(s => s.ReturnAddress);
        });
        b.Entity<Category>(e =>
        {
            e.HasIndex(c => c.ParentId);
            e.Property(c => c.Name).HasMaxLength(64);
        });
        b.Entity<Product>(e =>
        {
            e.HasIndex(p => new { p.ShopId, p.Id });
            e.HasIndex(p => p.Status);
            e.Property(p => p.Title).HasMaxLength(120);
            e.Property(p => p.Description).HasMaxLength(5000);
            e.Property(p => p.BlockReason).HasMaxLength(Product.MaxBlockReason);
            // the spot-check queue reads its oldest page off this, however large the catalogue
            e.HasIndex(p => p.Id, "IX_Products_ReviewQueue").HasFilter($"\"Status\" = '{nameof(ProductStatus.Listed)}' AND \"ReviewedAt\" IS NULL");
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasMany(p => p.Skus).WithOne().HasForeignKey(s => s.ProductId);
        });
        b.Entity<Sku>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(64);
            e.ToTable(t =>
            {
                // the last line of defence against oversell: the database refuses negative stock
                t.HasCheckConstraint("CK_Skus_StockNotNegative", "\"Stock\" >= 0");
                t.HasCheckConstraint("CK_Skus_PriceInRange", "\"Price\" >= 0 AND \"Price\" <= 1000000000");
            });
        });
        b.Entity<Order>(e =>
        {
            e.Property(o => o.Status).HasConversion<int>();
            e.Property(o => o.Version).IsConcurrencyToken();
            e.ComplexProperty(o => o.Address, a =>
            {
                a.Property(x => x.Name).HasMaxLength(64);
                a.Property(x => x.Phone).HasMaxLength(32);
                a.Property(x => x.Region).HasMaxLength(128);
                a.Property(x => x.Line).HasMaxLength(256);
            });
            e.Property(o => o.IdempotencyKey).HasMaxLength(200);
            e.Property(o => o.ImpressionId).HasMaxLength(64);
            e.Property(o => o.ContentId).HasMaxLength(64);
            e.Property(o => o.SharerChain).HasMaxLength(1000);
            e.Property(o => o.TrafficPool).HasMaxLength(32);
            e.HasIndex(o => new { o.BuyerId, o.IdempotencyKey }).IsUnique();
            e.HasIndex(o => new { o.BuyerId, o.Id });
            e.HasIndex(o => new { o.ShopId, o.Id });
            e.HasIndex(o => new { o.Status, o.PayBy });
            e.HasIndex(o => new { o.Status, o.ShippedAt });
            // settlement reads due orders in (ReceivedAt, Id) order straight off this index, never sorting the backlog;
            // partial, so it holds only received orders awaiting settlement (PostgreSQL cannot order by columns after an IS NULL)
            e.HasIndex(o => new { o.ReceivedAt, o.Id }, "IX_Orders_AwaitingSettlement").HasFilter("\"Status\" = 100 AND \"SettledAt\" IS NULL");
            // a claimed coupon is on at most one live order: the order's own insert enforces it, a cancel releases it
            e.HasIndex(o => o.ShopBuyerCouponId).IsUnique().HasFilter($"\"ShopBuyerCouponId\" IS NOT NULL AND \"Status\" <> {(int)OrderStatus.Cancelled}");
            e.HasIndex(o => o.PlatformBuyerCouponId).IsUnique().HasFilter($"\"PlatformBuyerCouponId\" IS NOT NULL AND \"Status\" <> {(int)OrderStatus.Cancelled}");
            // the promotion report reads paid orders by coupon; partial on payment, so checkout adds nothing to them
            e.HasIndex(o => o.ShopCouponId, "IX_Orders_PaidByShopCoupon").HasFilter("\"PaidAt\" IS NOT NULL AND \"ShopCouponId\" IS NOT NULL");
            e.HasIndex(o => o.PlatformCouponId, "IX_Orders_PaidByPlatformCoupon").HasFilter("\"PaidAt\" IS NOT NULL AND \"PlatformCouponId\" IS NOT NULL");
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            e.HasMany(o => o.Shipments).WithOne().HasForeignKey(s => s.OrderId);
        });
        b.Entity<OrderLine>(e =>
        {
            e.Property(l => l.Title).HasMaxLength(120);
            e.Property(l => l.SkuName).HasMaxLength(64);
            e.HasIndex(l => l.SkuId);
            e.HasIndex(l => l.FlashSaleId).HasFilter("\"FlashSaleId\" IS NOT NULL");
            e.HasIndex(l => l.CampaignId).HasFilter("\"CampaignId\" IS NOT NULL");
        });
        b.Entity<Shipment>(e =>
        {
            e.Property(s => s.Carrier).HasMaxLength(64);
            e.Property(s => s.TrackingNumber).HasMaxLength(64);
        });
        b.Entity<AfterSale>(e =>
        {
            e.HasIndex(a => new { a.OrderId, a.LineId });
            e.HasIndex(a => new { a.ShopId, a.Id });
            e.HasIndex(a => new { a.BuyerId, a.Id });
            e.HasIndex(a => new { a.Status, a.DueAt });
            e.Property(a => a.Reason).HasMaxLength(500);
            e.Property(a => a.MerchantNote).HasMaxLength(500);
            e.Property(a => a.ArbitrationNote).HasMaxLength(500);
            e.Property(a => a.ReturnCarrier).HasMaxLength(64);
            e.Property(a => a.ReturnTrackingNumber).HasMaxLength(64);
            e.Property(a => a.ReturnToName).HasMaxLength(64);
            e.Property(a => a.ReturnToPhone).HasMaxLength(32);
            e.Property(a => a.ReturnToRegion).HasMaxLength(128);
            e.Property(a => a.ReturnToLine).HasMaxLength(256);
            e.Ignore(a => a.ReturnAddress);
            e.Property(a => a.Version).IsConcurrencyToken();
        });
        b.Entity<JournalEntry>(e =>
        {
            // the same business event posts once, whatever node tries
            e.HasIndex(j => j.Key).IsUnique();
            e.HasIndex(j => j.OrderId);
            e.Property(j => j.Key).HasMaxLength(120);
            e.Property(j => j.Memo).HasMaxLength(300);
            e.HasMany(j => j.Lines).WithOne().HasForeignKey(l => l.EntryId);
        });
        b.Entity<JournalLine>(e =>
        {
            e.HasIndex(l => new { l.OwnerId, l.Account, l.At });
            e.HasIndex(l => l.OrderId);
        });
        b.Entity<AccountBalance>(e => e.HasKey(a => new { a.Account, a.OwnerId }));
        b.Entity<FeeProgram>(e =>
        {
            e.Property(p => p.Name).HasMaxLength(64);
            e.Property(p => p.Scenes).HasMaxLength(300);
            e.Property(p => p.CategoryIds).HasMaxLength(4000);
            e.Property(p => p.Version).IsConcurrencyToken();
        });
        b.Entity<SettlementPart>(e =>
        {
            e.HasIndex(p => p.OrderId);
            e.Property(p => p.Program).HasMaxLength(64);
        });
        b.Entity<Withdrawal>(e =>
        {
            e.HasIndex(w => new { w.ShopId, w.Id });
            e.Property(w => w.FailureReason).HasMaxLength(300);
            e.Property(w => w.Version).IsConcurrencyToken();
        });
        b.Entity<AffiliatePlan>(e =>
        {
            e.HasIndex(p => new { p.ProductId, p.EndedAt });
            e.HasIndex(p => new { p.ShopId, p.Id });
            e.Property(p => p.CreatorIds).HasMaxLength(4000);
            e.Property(p => p.Version).IsConcurrencyToken();
        });
        b.Entity<CreatorPromotion>(e =>
        {
            e.HasIndex(p => new { p.PlanId, p.CreatorId }).IsUnique();
            e.HasIndex(p => new { p.CreatorId, p.ProductId });
        });
        b.Entity<CommissionOrder>(e =>
        {
            e.HasIndex(c => c.OrderId);
            e.HasIndex(c => new { c.CreatorId, c.Id });
        });
        b.Entity<Coupon>(e =>
        {
            e.HasIndex(c => new { c.ShopId, c.Id });
            e.Property(c => c.Version).IsConcurrencyToken();
            e.ToTable(t => t.HasCheckConstraint("CK_Coupons_NotOverClaimed", "\"Claimed\" <= \"TotalQuantity\""));
        });
        b.Entity<BuyerCoupon>(e =>
        {
            e.HasIndex(c => new { c.CouponId, c.BuyerId, c.Ordinal }).IsUnique();
            e.HasIndex(c => new { c.BuyerId, c.Id });
        });
        b.Entity<SubsidyBudget>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(100);
            e.ToTable(t => t.HasCheckConstraint("CK_SubsidyBudgets_NotOverdrawn", "\"Drawn\" >= 0 AND \"Drawn\" <= \"Total\""));
        });
        b.Entity<FlashSale>(e =>
        {
            e.HasIndex(f => new { f.SkuId, f.EndsAt });
            e.HasIndex(f => new { f.ShopId, f.Id });
            e.Property(f => f.Version).IsConcurrencyToken();
            e.ToTable(t => t.HasCheckConstraint("CK_FlashSales_NotOversold", "\"Sold\" >= 0 AND \"Sold\" <= \"Quota\""));
        });
        b.Entity<FlashSaleBuyer>(e =>
        {
            e.HasKey(f => new { f.FlashSaleId, f.BuyerId });
            e.ToTable(t => t.HasCheckConstraint("CK_FlashSaleBuyers_Quantity", "\"Quantity\" >= 0"));
        });
        b.Entity<Campaign>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        b.Entity<CampaignEntry>(e =>
        {
            e.HasIndex(c => new { c.CampaignId, c.SkuId });
            e.HasIndex(c => new { c.SkuId, c.Status });
            e.HasIndex(c => new { c.ShopId, c.Id });
            e.Property(c => c.Note).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        OnContentAndSocialCreating(b);
        OnDistributionCreating(b);
        OnAnalyticsCreating(b);
        b.Entity<Catalog.Search.CatalogChange>(e => ChangeFeed.Configure(e, IsPostgres));
        b.Entity<SocialChange>(e => ChangeFeed.Configure(e, IsPostgres));
        b.Entity<PaymentIntent>(e =>
        {
            e.HasIndex(p => p.OrderId);
            e.HasIndex(p => p.GatewayTransactionId).IsUnique();
            e.Property(p => p.Gateway).HasMaxLength(32);
            e.Property(p => p.GatewayTransactionId).HasMaxLength(100);
            e.Property(p => p.RefundReason).HasMaxLength(200);
            e.Property(p => p.Version).IsConcurrencyToken();
        });
        b.Entity<PaymentCallback>(e =>
        {
            // transaction id first: batches look callbacks up by it
            e.HasKey(c => new { c.GatewayTransactionId, c.Gateway });
            e.Property(c => c.Gateway).HasMaxLength(32);
            e.Property(c => c.GatewayTransactionId).HasMaxLength(100);
        });
    }

    /// <summary>Every change bumps the entity's Version, so a concurrent writer of the same row fails instead of overwriting.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified) continue;
            var version = entry.Metadata.FindProperty("Version");
            if (version is null) continue;
            var prop = entry.Property("Version");
            prop.CurrentValue = (int)prop.OriginalValue! + 1;
        }
    }

    private static void OnContentAndSocialCreating(ModelBuilder b)
    {
        b.Entity<ContentItem>(e =>
        {
            e.HasIndex(c => new { c.AuthorId, c.Id });
            e.HasIndex(c => new { c.ShopId, c.Id });
            e.HasIndex(c => new { c.Status, c.Id });
            e.HasIndex(c => new { c.LiveStatus, c.ScheduledAt });
            e.Property(c => c.Title).HasMaxLength(120);
            e.Property(c => c.Body).HasMaxLength(5000);
            e.Property(c => c.MediaUrl).HasMaxLength(1000);
            e.Property(c => c.HoldReason).HasMaxLength(300);
            e.Property(c => c.ReviewNote).HasMaxLength(300);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasMany(c => c.Cards).WithOne().HasForeignKey(c => c.ContentId);
        });
        b.Entity<ProductCard>(e =>
        {
            e.HasKey(c => new { c.ContentId, c.ProductId });
            e.HasIndex(c => c.ProductId);
        });
        b.Entity<Comment>(e =>
        {
            e.HasIndex(c => new { c.ContentId, c.Id });
            e.HasIndex(c => new { c.Status, c.Id });
            e.Property(c => c.Text).HasMaxLength(500);
            e.Property(c => c.HoldReason).HasMaxLength(300);
            e.Property(c => c.ReviewNote).HasMaxLength(300);
        });
        b.Entity<LiveViewer>(e =>
        {
            e.HasIndex(v => new { v.ContentId, v.UserId, v.LeftAt });
            // one open stay per viewer and session: a viewer who joins twice at once is counted once
            e.HasIndex(v => new { v.ContentId, v.UserId }, "IX_LiveViewers_OpenStay").IsUnique().HasFilter("\"LeftAt\" IS NULL");
        });
        // a live room's sales read the session's orders off this (only orders that name content are in it)
        b.Entity<Order>(e => e.HasIndex(o => new { o.ContentId, o.Scene }, "IX_Orders_Content").HasFilter("\"ContentId\" IS NOT NULL"));
        b.Entity<BannedWord>(e =>
        {
            e.HasKey(w => w.Word);
            e.Property(w => w.Word).HasMaxLength(50);
        });
        b.Entity<Follow>(e =>
        {
            e.HasKey(f => new { f.FollowerId, f.TargetKind, f.TargetId });
            e.HasIndex(f => new { f.TargetId, f.TargetKind });
        });
        b.Entity<FriendRequest>(e =>
        {
            e.HasKey(f => new { f.FromId, f.ToId });
            e.HasIndex(f => f.ToId);
        });
        b.Entity<Friendship>(e => e.HasKey(f => new { f.UserId, f.FriendId }));
        b.Entity<Like>(e =>
        {
            e.HasKey(l => new { l.UserId, l.TargetId });
            // the friends tab: each friend's recent likes off one index range, the liked item in the index too, so a
            // buyer's view (some 40 friends, a thousand likes) reads no table row (SQLite, 1M world: a cold view 9.3 -> 8.1 ms)
            e.HasIndex(l => new { l.UserId, l.CreatedAt, l.TargetId });
            e.HasIndex(l => l.TargetId);
        });
        b.Entity<Share>(e =>
        {
            e.HasIndex(s => new { s.UserId, s.CreatedAt, s.TargetId });
            e.HasIndex(s => s.TargetId);
            e.Property(s => s.Chain).HasMaxLength(800);
        });
    }

    private static void OnDistributionCreating(ModelBuilder b)
    {
        b.Entity<FeedItem>(e =>
        {
            e.Property(f => f.Title).HasMaxLength(120);
            // candidate reads: each pool's best, the best overall, per category, brand, and what a followed shop or creator posted
            e.HasIndex(f => new { f.Eligible, f.PoolLevel, f.Score });
            e.HasIndex(f => new { f.Eligible, f.Score });
            e.HasIndex(f => new { f.CategoryId, f.Eligible, f.Score });
            e.HasIndex(f => new { f.IsBrand, f.Eligible, f.Score });
            e.HasIndex(f => new { f.ShopId, f.CreatedAt });
            e.HasIndex(f => new { f.AuthorId, f.CreatedAt });
            e.HasIndex(f => f.ReviewDue);
            e.HasIndex(f => new { f.OnAir, f.Eligible, f.Score });
        });
        b.Entity<PoolTier>(e =>
        {
            e.HasKey(t => t.Level);
            e.Property(t => t.Level).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(32);
            e.Property(t => t.Version).IsConcurrencyToken();
        });
        // "seen in the last 24 hours": the buyer's pages of the day, off one index range
        b.Entity<ServedPage>(e => e.HasIndex(p => new { p.BuyerId, p.ServedAt }));
        b.Entity<FeedEvent>(e =>
        {
            e.HasIndex(x => new { x.ItemId, x.At });
            e.HasIndex(x => new { x.UserId, x.At });
        });
        b.Entity<BuyerInterest>(e => e.HasKey(i => new { i.BuyerId, i.CategoryId }));
        b.Entity<FeedPreference>(e => e.HasKey(p => p.UserId));
    }

    private void OnAnalyticsCreating(ModelBuilder b)
    {
        b.Entity<Analytics.Fact>(e =>
        {
            e.HasKey(f => f.Seq);
            // a retried event brings the same key: refused, so counted once
            e.HasIndex(f => f.Key).IsUnique();
            e.Property(f => f.Key).HasMaxLength(160);
            e.HasIndex(f => new { f.TxId, f.Seq });
            // xid8 has no cast to bigint; through text it is the 64-bit epoch-extended id, which never wraps
            if (IsPostgres) e.Property(f => f.TxId).HasDefaultValueSql("pg_current_xact_id()::text::bigint");
        });
        b.Entity<Analytics.FactCursor>(e =>
        {
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(32);
            e.HasData(new Analytics.FactCursor { Name = Analytics.FactCursor.Rollups });
        });
        b.Entity<Analytics.BuyerProfile>(e => e.HasKey(p => p.UserId));
        b.Entity<Analytics.ShopDaily>(e => e.HasKey(x => new { x.ShopId, x.Day, x.Scene, x.Source }));
        b.Entity<Analytics.ShopBuyerDaily>(e => e.HasKey(x => new { x.ShopId, x.Day, x.BuyerId, x.Source }));
        // keyed shop first: the only reader is the shop's top items over days, and one index is half the fold's index writes
        b.Entity<Analytics.ItemDaily>(e => e.HasKey(x => new { x.ShopId, x.Day, x.ItemId }));
        b.Entity<Analytics.CreatorDaily>(e => e.HasKey(x => new { x.ShopId, x.CreatorId, x.Day }));
        b.Entity<Analytics.PlatformDaily>(e => e.HasKey(x => new { x.Day, x.Scene, x.Source }));
        b.Entity<Analytics.ProgramDaily>(e =>
        {
            e.HasKey(x => new { x.Day, x.Program });
            e.Property(x => x.Program).HasMaxLength(64);
        });
        b.Entity<Analytics.SubsidyDaily>(e => e.HasKey(x => new { x.Day, x.SourceId }));
        // rollup rows are updated in place by every fold: room left in each page lets PostgreSQL update them without
        // touching the index (heap-only tuples), a third of the time of an upsert that must (measured on ItemDaily)
        if (IsPostgres)
            foreach (var rollup in new[] { typeof(Analytics.ShopDaily), typeof(Analytics.ShopBuyerDaily), typeof(Analytics.ItemDaily), typeof(Analytics.CreatorDaily),
                         typeof(Analytics.PlatformDaily), typeof(Analytics.ProgramDaily), typeof(Analytics.SubsidyDaily), typeof(Analytics.ShopMonthly) })
                b.Entity(rollup).HasStorageParameter("fillfactor", 70);
        b.Entity<Analytics.ShopMonthly>(e => e.HasKey(x => new { x.ShopId, x.Month }));
    }
}
