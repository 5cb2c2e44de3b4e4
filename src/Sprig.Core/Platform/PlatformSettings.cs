using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sprig.Data;

namespace Sprig.Platform;

/// <summary>
/// Reads the platform's configurable numbers and shared secrets from the Settings table.
/// Values are cached for a short while: a cache that any node may drop, never the source of truth.
/// </summary>
public sealed class PlatformSettings(IDbContextFactory<SprigDb> dbs, TimeProvider clock)
{
    public const string UnpaidTimeoutMinutes = "ordering.unpaidTimeoutMinutes";
    public const string AutoConfirmReceiptDays = "ordering.autoConfirmReceiptDays";
    public const string AfterSaleWindowDays = "afterSales.windowDaysAfterReceipt";
    public const string ChannelFeeBps = "fees.channelFeeBps";
    public const string BrandShareBps = "distribution.brandShareBps";
    public const string BrandBoostBps = "distribution.brandBoostBps";
    public const string PoolShareBps = "distribution.poolShareBps";
    public const string MaxPerShopPerPage = "distribution.maxPerShopPerPage";
    public const string SeenHours = "distribution.seenHours";
    public const string JwtSigningKey = "secret.jwtSigningKey";
    public const string SandboxGatewaySecret = "secret.sandboxGatewaySecret";

    /// <summary>The editable numbers and their defaults (DOMAIN.md).</summary>
    public static readonly IReadOnlyDictionary<string, long> Defaults = new Dictionary<string, long>
    {
        [UnpaidTimeoutMinutes] = 15,
        [AutoConfirmReceiptDays] = 10,
        [AfterSaleWindowDays] = 7,
        [ChannelFeeBps] = 60,
        // recommended: a tenth of the slots for brand-program shops, scored 1.2 times; three tenths for items a pool guarantees
        [BrandShareBps] = 1_000,
        [BrandBoostBps] = 12_000,
        [PoolShareBps] = 3_000,
        [MaxPerShopPerPage] = 2,
        [SeenHours] = 24,
    };

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (string Value, long LoadedAt)> _cache = new();

    public async Task<long> GetNumberAsync(string key, CancellationToken ct = default) =>
        long.Parse(await GetAsync(key, () => Defaults[key].ToString(System.Globalization.CultureInfo.InvariantCulture), ct),
            System.Globalization.CultureInfo.InvariantCulture);

    public Task<string> GetSecretAsync(string key, CancellationToken ct = default) =>
        GetAsync(key, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);

    public async Task SetNumberAsync(string key, long value, CancellationToken ct = default)
    {
        if (!Defaults.ContainsKey(key)) throw Kernel.SprigException.NotFound($"Setting {key}");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (row is null) db.Settings.Add(new Setting { Key = key, Value = text, UpdatedAt = clock.GetUtcNow() });
        else { row.Value = text; row.UpdatedAt = clock.GetUtcNow(); }
        await db.SaveChangesAsync(ct);
        _cache.TryRemove(key, out _);
    }

    public async Task<IReadOnlyDictionary<string, long>> GetNumbersAsync(CancellationToken ct = default)
    {
        var result = new Dictionary<string, long>();
        foreach (var key in Defaults.Keys) result[key] = await GetNumberAsync(key, ct);
        return result;
    }

    /// <summary>Reads a setting, creating it with <paramref name="initial"/> if absent. Two nodes racing to create agree on the first.</summary>
    private async Task<string> GetAsync(string key, Func<string> initial, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_cache.TryGetValue(key, out var hit) && now - hit.LoadedAt < CacheFor.TotalMilliseconds) return hit.Value;

        await using var db = await dbs.CreateDbContextAsync(ct);
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (value is null)
        {
            db.Settings.Add(new Setting { Key = key, Value = initial(), UpdatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // another node created it first; theirs wins
            }
            db.ChangeTracker.Clear();
            value = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstAsync(ct);
        }
        _cache[key] = (value, now);
        return value;
    }
}
