using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sprig.Accounts;
using Sprig.Catalog;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Shops;

namespace Sprig.Bench;

/// <summary>A running Sprig host (Kestrel on loopback) with a shop, and buyers written straight to the database.</summary>
public sealed class World(WebApplication app, Guid shopId, List<User> buyers) : IAsyncDisposable
{
    public WebApplication App { get; } = app;
    public Guid ShopId { get; } = shopId;
    public List<User> Buyers { get; } = buyers;
    public Uri Address => new(App.Urls.First());

    public static readonly Address ShipTo = new("林小芽", "13800000000", "上海市 浦东新区", "世纪大道 1 号");

    public static async Task<World> StartAsync(string provider, string connectionString, int buyers, int port)
    {
        var app = Server.SprigHost.Build([
            "--urls", $"http://127.0.0.1:{port}", $"--Sprig:Database:Provider={provider}", $"--ConnectionStrings:Sprig={connectionString}",
            "--no-demo", "--Logging:LogLevel:Default=Warning", "--Sprig:Jobs=false", .. Environment.GetEnvironmentVariable("SPRIG_BENCH_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        ]);
        await app.StartAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
        var hash = app.Services.GetRequiredService<IPasswordHasher<User>>().HashPassword(null!, "bench-password");
        var now = DateTimeOffset.UtcNow;
        var merchant = new User { Id = Ids.New(), Email = $"m{Guid.NewGuid():N}@bench", DisplayName = "bench merchant", PasswordHash = hash, CreatedAt = now };
        var users = Enumerable.Range(0, buyers).Select(_ => new User
        {
            Id = Ids.New(), Email = $"b{Guid.NewGuid():N}@bench", DisplayName = "bench buyer", PasswordHash = hash, CreatedAt = now,
        }).ToList();
        db.Users.Add(merchant);
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        var shop = await scope.ServiceProvider.GetRequiredService<ShopDesk>().OpenAsync(merchant.Id, "bench shop", "enterprise");
        shop.Approve(now);
        await db.SaveChangesAsync();
        return new World(app, shop.Id, users);
    }

    /// <summary>A fresh listed product with one SKU of the given stock: each scenario sells its own hot SKU.</summary>
    public async Task<Guid> HotSkuAsync(int stock)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SprigDb>();
        var shop = await db.Shops.FirstAsync(s => s.Id == ShopId);
        var leaf = await db.Categories.Where(c => c.ParentId != null).Select(c => c.Id).FirstAsync();
        var products = scope.ServiceProvider.GetRequiredService<ProductDesk>();
        var product = await products.CreateAsync(shop, new NewProduct("hot item", leaf, null, [new NewSku("only", 9_900, stock)]));
        await products.ListAsync(shop, product.Id);
        return product.Skus[0].Id;
    }

    public async Task<(int Stock, int Sold)> TallyAsync(Guid skuId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<SprigDb>>().CreateDbContextAsync();
        var stock = await db.Skus.Where(s => s.Id == skuId).Select(s => s.Stock).FirstAsync();
        var sold = await db.OrderLines.Where(l => l.SkuId == skuId).SumAsync(l => l.Quantity);
        return (stock, sold);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
