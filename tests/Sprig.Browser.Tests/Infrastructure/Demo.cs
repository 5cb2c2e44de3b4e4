using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sprig.Data;

namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>Looks up the demo's rows by the names a person sees, and counts rows, so a test can say "nothing was written".</summary>
public static class Demo
{
    public static async Task<T> ReadAsync<T>(this WebWorld world, Func<SprigDb, Task<T>> read)
    {
        await world.StartAsync();
        await using var db = await world.Service<IDbContextFactory<SprigDb>>().CreateDbContextAsync();
        return await read(db);
    }

    public static Task<Guid> ProductAsync(this WebWorld world, string title) =>
        world.ReadAsync(db => db.Products.Where(p => p.Title == title).Select(p => p.Id).FirstAsync());

    public static Task<Guid> SkuAsync(this WebWorld world, string product, string sku) =>
        world.ReadAsync(db => db.Skus.Where(s => s.Name == sku).Join(db.Products.Where(p => p.Title == product), s => s.ProductId, p => p.Id, (s, _) => s.Id).FirstAsync());

    /// <summary>Runs something as the host would, with its scoped services (a desk), for a test's setup.</summary>
    public static async Task InScopeAsync(this WebWorld world, Func<IServiceProvider, Task> act)
    {
        await world.StartAsync();
        await using var scope = world.Host.Services.CreateAsyncScope();
        await act(scope.ServiceProvider);
    }
}
