using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Finance;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Platform;
using Sprig.Shops;

namespace Sprig.Data;

public static class CoreServices
{
    /// <summary>The modules and the database they share.</summary>
    public static IServiceCollection AddSprigCore(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton(database);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresSprigDb>(o => o.UseNpgsql(database.ConnectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
            services.AddSingleton<IDbContextFactory<SprigDb>>(sp => new Upcast<PostgresSprigDb>(sp.GetRequiredService<IDbContextFactory<PostgresSprigDb>>()));
        }
        else
        {
            var gate = new SqliteWriteGate(); // one per database per process
            services.AddSingleton(gate);
            services.AddPooledDbContextFactory<SqliteSprigDb>(o => o.UseSqlite(database.ConnectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)).AddInterceptors(new SqlitePragmas(), gate));
            services.AddSingleton<IDbContextFactory<SprigDb>>(sp => new Upcast<SqliteSprigDb>(sp.GetRequiredService<IDbContextFactory<SqliteSprigDb>>()));
            services.AddHostedService<SqliteCheckpointer>();
        }
        services.AddScoped<SprigDb>(sp => sp.GetRequiredService<IDbContextFactory<SprigDb>>().CreateDbContext());

        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<PlatformSettings>();
        services.AddScoped<Accounts.Accounts>();
        services.AddScoped<ShopDesk>();
        services.AddScoped<ProductDesk>();
        services.AddScoped<ProductReviewDesk>();
        services.AddScoped<OrderDesk>();
        services.AddSingleton<OrderTimers>();
        services.AddSingleton<OrderPlacement>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderPlacement>());
        services.AddOptions<OrderPlacementOptions>().Configure(o =>
        {
            if (o.Writers == 0) o.Writers = database.Provider == DatabaseProvider.Postgres ? 2 : 1;
        });
        services.AddSingleton<PaymentCapture>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentCapture>());
        services.AddOptions<PaymentCaptureOptions>().Configure(o =>
        {
            if (o.Writers == 0) o.Writers = database.Provider == DatabaseProvider.Postgres ? 2 : 1;
        });
        services.AddSingleton<SandboxGateway>();
        services.AddScoped<AfterSaleDesk>();
        services.AddScoped<WithdrawalDesk>();
        services.AddScoped<FeeProgramDesk>();
        services.AddScoped<AffiliateDesk>();
        services.AddScoped<Promotions.CouponDesk>();
        services.AddScoped<Promotions.FlashSaleDesk>();
        services.AddScoped<Promotions.CampaignDesk>();
        services.AddScoped<Promotions.PromotionReports>();
        services.AddScoped<OrderQuotes>();
        services.AddSingleton<Settlement>();
        services.AddScoped<Checkout>();

        services.AddOptions<Distribution.DistributionOptions>();
        services.AddSingleton<Distribution.CandidateCache>();
        services.AddSingleton<Distribution.SocialCache>();
        services.AddSingleton<Distribution.ImpressionTally>();
        services.AddSingleton<Distribution.SignalWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Distribution.SignalWriter>());
        services.AddOptions<Distribution.SignalWriterOptions>().Configure(o =>
        {
            if (o.Writers == 0) o.Writers = database.Provider == DatabaseProvider.Postgres ? 2 : 1;
        });
        services.AddSingleton<Distribution.FeedAdmission>();
        services.AddSingleton<Distribution.Feed>();
        services.AddSingleton<Distribution.PoolReview>();
        services.AddScoped<Distribution.ClientEvents>();
        services.AddSingleton<Analytics.FactDispatcher>();
        services.AddScoped<Analytics.ShopAnalytics>();
        services.AddScoped<Analytics.EcosystemAnalytics>();
        services.AddOptions<Catalog.Search.ShelfOptions>();
        services.AddSingleton<Catalog.Search.ShelfIndex>();
        services.AddSingleton<Catalog.Search.ShelfSync>();
        services.AddHostedService(sp => sp.GetRequiredService<Catalog.Search.ShelfSync>());
        services.AddScoped<Content.ModerationDesk>();
        services.AddScoped<Content.ContentDesk>();
        services.AddScoped<Content.LiveDesk>();
        services.AddScoped<Content.CommentDesk>();
        services.AddScoped<Social.LikeDesk>();
        services.AddScoped<Social.ShareDesk>();
        services.AddScoped<Social.FollowDesk>();
        services.AddScoped<Social.FriendDesk>();
        return services;
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<SprigDb> where T : SprigDb
    {
        public SprigDb CreateDbContext() => inner.CreateDbContext();
    }
}
