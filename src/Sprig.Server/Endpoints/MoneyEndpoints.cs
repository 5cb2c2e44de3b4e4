using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Finance;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Server.Auth;
using Sprig.Server.Http;
using Sprig.Shops;

namespace Sprig.Server.Endpoints;

public sealed record BalanceDto(string Currency, long Pending, long Available, long InTransit);
public sealed record StatementLineDto(Guid Id, DateTimeOffset At, EntryKind Kind, LedgerAccount Account, Guid? OrderId, long Amount, string Currency);
public sealed record SettlementPartDto(Guid LineId, long Base, int RateBps, string Program, long Fee);
public sealed record SettlementDto(Guid OrderId, string Currency, bool Settled, DateTimeOffset? SettledAt, long Paid, long Refunded, long Subsidy,
    long Fee, long Commission, long Net, int? FeeRateBps, string? Program, IReadOnlyList<SettlementPartDto> Parts);
public sealed record WithdrawalRequest(long? Amount);
public sealed record WithdrawalDto(Guid Id, Guid ShopId, long Amount, string Currency, WithdrawalStatus Status, string? FailureReason,
    DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static WithdrawalDto From(Withdrawal w) => new(w.Id, w.ShopId, w.Amount, Money.Currency, w.Status, w.FailureReason, w.RequestedAt, w.CompletedAt);
}
public sealed record TrialBalanceLine(LedgerAccount Account, long Balance);
public sealed record TrialBalanceDto(string Currency, IReadOnlyList<TrialBalanceLine> Accounts, long Total, bool BalancesAgree);
public sealed record SettlementRunDto(int Settled);
public sealed record JournalLineDto(LedgerAccount Account, Guid OwnerId, long Amount);
public sealed record JournalEntryDto(Guid Id, string Key, EntryKind Kind, Guid? OrderId, DateTimeOffset At, string? Memo, IReadOnlyList<JournalLineDto> Lines);
public sealed record FeeProgramDto(Guid Id, FeeProgramKind Kind, string Name, int RateBps, DateTimeOffset StartsAt, DateTimeOffset? EndsAt,
    long? GmvCap, int? DaysFromOpening, decimal? MinShopScore, IReadOnlyList<string> Scenes, IReadOnlyList<string> CategoryIds, bool Active)
{
    public static FeeProgramDto From(FeeProgram p, DateTimeOffset now) => new(p.Id, p.Kind, p.Name, p.RateBps, p.StartsAt, p.EndsAt, p.GmvCap,
        p.DaysFromOpening, p.MinShopScoreTenths / 10m, Split(p.Scenes).Select(s => char.ToLowerInvariant(s[0]) + s[1..]).ToList(), Split(p.CategoryIds), p.ActiveAt(now));

    private static List<string> Split(string? s) => s?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
}

public static class MoneyEndpoints
{
    private static readonly LedgerAccount[] MerchantAccounts = [LedgerAccount.MerchantPending, LedgerAccount.MerchantAvailable, LedgerAccount.WithdrawalsInTransit];

    public static void MapMoneyEndpoints(this RouteGroupBuilder api)
    {
        var shop = api.MapGroup("/shops/{shopId:guid}").RequireAuthorization().WithTags("Money");
        shop.MapGet("/balance", async (Guid shopId, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            return TypedResults.Ok(new BalanceDto(Money.Currency,
                await Ledger.OwedAsync(db, LedgerAccount.MerchantPending, shopId, ct),
                await Ledger.OwedAsync(db, LedgerAccount.MerchantAvailable, shopId, ct),
                await Ledger.OwedAsync(db, LedgerAccount.WithdrawalsInTransit, shopId, ct)));
        });

        shop.MapGet("/statement", async (Guid shopId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            var q = db.JournalLines.AsNoTracking().Where(l => l.OwnerId == shopId && MerchantAccounts.Contains(l.Account));
            if (from is { } f) q = q.Where(l => l.At >= f);
            if (to is { } t) q = q.Where(l => l.At < t);
            // from the merchant's side: money owed to it is positive
            return TypedResults.Ok(await q.PageAsync(l => l.Id, limit, cursor, l => new StatementLineDto(l.Id, l.At, l.Kind, l.Account, l.OrderId, -l.Amount, Money.Currency), ct));
        });

        shop.MapPost("/withdrawals", async (Guid shopId, WithdrawalRequest req, HttpContext http, ShopDesk shops, WithdrawalDesk desk, CancellationToken ct) =>
        {
            var owned = await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            var w = await desk.RequestAsync(owned, req.Amount, ct);
            return TypedResults.Created($"/api/shops/{shopId}/withdrawals/{w.Id}", WithdrawalDto.From(w));
        }).WithMetadata(new IdempotentAttribute());

        shop.MapGet("/withdrawals", async (Guid shopId, int? limit, string? cursor, HttpContext http, ShopDesk shops, SprigDb db, CancellationToken ct) =>
        {
            await shops.GetOwnedAsync(shopId, http.User.Id(), ct);
            var q = db.Withdrawals.AsNoTracking().Where(w => w.ShopId == shopId);
            return TypedResults.Ok(await q.PageAsync(w => w.Id, limit, cursor, WithdrawalDto.From, ct));
        });

        api.MapGet("/orders/{orderId:guid}/settlement", async (Guid orderId, HttpContext http, OrderDesk orders, SprigDb db, CancellationToken ct) =>
        {
            var order = await orders.GetForShopOrOperatorAsync(orderId, http.User.Id(), http.User.IsOperator(), ct);
            var parts = await db.SettlementParts.AsNoTracking().Where(p => p.OrderId == orderId).OrderBy(p => p.LineId).ToListAsync(ct);
            var fee = parts.Sum(p => p.Fee);
            var commission = await db.CommissionOrders.AsNoTracking().Where(c => c.OrderId == orderId && c.Status == CommissionStatus.Settled)
                .SumAsync(c => c.Commission - c.Returned, ct);
            var main = parts.OrderByDescending(p => p.Base).FirstOrDefault();
            // the platform's subsidy that stays with the order: what it paid less what refunds gave back
            var subsidy = order.Lines.Sum(l => l.PlatformDiscount - l.SubsidyReturned);
            var gross = order.Paid - order.Refunded + subsidy;
            return TypedResults.Ok(new SettlementDto(order.Id, Money.Currency, order.SettledAt is not null, order.SettledAt, order.Paid, order.Refunded,
                subsidy, fee, commission, order.SettledAt is null ? 0 : gross - fee - commission, main?.RateBps, main?.Program,
                parts.Select(p => new SettlementPartDto(p.LineId, p.Base, p.RateBps, p.Program, p.Fee)).ToList()));
        }).RequireAuthorization().WithTags("Money");

        api.MapGet("/orders/{orderId:guid}/ledger", async (Guid orderId, HttpContext http, OrderDesk orders, SprigDb db, CancellationToken ct) =>
        {
            await orders.GetForShopOrOperatorAsync(orderId, http.User.Id(), http.User.IsOperator(), ct);
            var entries = await db.JournalEntries.AsNoTracking().Include(e => e.Lines).Where(e => e.OrderId == orderId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
            return TypedResults.Ok(entries.Select(e => new JournalEntryDto(e.Id, e.Key, e.Kind, e.OrderId, e.At, e.Memo,
                e.Lines.Select(l => new JournalLineDto(l.Account, l.OwnerId, l.Amount)).ToList())).ToList());
        }).RequireAuthorization().WithTags("Money");

        var ops = api.MapGroup("/ops").RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Money");
        ops.MapPost("/settlement/run", async (Settlement settlement, CancellationToken ct) =>
            TypedResults.Ok(new SettlementRunDto(await settlement.RunAsync(ct))));

        ops.MapGet("/ledger/trial-balance", async (SprigDb db, CancellationToken ct) =>
        {
            // the journal is the truth; the kept balances (per account and owner) must be exactly its sums
            var sums = (await db.JournalLines.AsNoTracking().GroupBy(l => new { l.Account, l.OwnerId })
                .Select(g => new { g.Key.Account, g.Key.OwnerId, Sum = g.Sum(l => l.Amount) }).ToListAsync(ct))
                .ToDictionary(s => (s.Account, s.OwnerId), s => s.Sum);
            var kept = (await db.AccountBalances.AsNoTracking().ToListAsync(ct)).ToDictionary(b => (b.Account, b.OwnerId), b => b.Amount);
            var agree = sums.Keys.Union(kept.Keys).All(k => sums.GetValueOrDefault(k) == kept.GetValueOrDefault(k));
            var lines = Enum.GetValues<LedgerAccount>().Select(a => new TrialBalanceLine(a, sums.Where(s => s.Key.Account == a).Sum(s => s.Value))).ToList();
            return TypedResults.Ok(new TrialBalanceDto(Money.Currency, lines, lines.Sum(l => l.Balance), agree));
        });

        ops.MapPost("/withdrawals/{id:guid}/pay", async (Guid id, WithdrawalDesk desk, CancellationToken ct) =>
            TypedResults.Ok(WithdrawalDto.From(await desk.MarkPaidAsync(id, ct))));
        ops.MapPost("/withdrawals/{id:guid}/fail", async (Guid id, ReasonRequest req, WithdrawalDesk desk, CancellationToken ct) =>
            TypedResults.Ok(WithdrawalDto.From(await desk.MarkFailedAsync(id, req.Reason, ct))));

        ops.MapGet("/fee-programs", async (SprigDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var all = await db.FeePrograms.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
            return TypedResults.Ok(all.Select(p => FeeProgramDto.From(p, now)).ToList());
        });
        ops.MapPost("/fee-programs", async (FeeProgramChange req, FeeProgramDesk desk, TimeProvider clock, CancellationToken ct) =>
        {
            var p = await desk.CreateAsync(req, ct);
            return TypedResults.Created($"/api/ops/fee-programs/{p.Id}", FeeProgramDto.From(p, clock.GetUtcNow()));
        });
        ops.MapPut("/fee-programs/{id:guid}", async (Guid id, FeeProgramChange req, FeeProgramDesk desk, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(FeeProgramDto.From(await desk.ChangeAsync(id, req, ct), clock.GetUtcNow())));
        ops.MapPost("/fee-programs/{id:guid}/end", async (Guid id, FeeProgramDesk desk, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(FeeProgramDto.From(await desk.EndAsync(id, ct), clock.GetUtcNow())));
    }
}
