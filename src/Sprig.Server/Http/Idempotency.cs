using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Platform;

namespace Sprig.Server.Http;

/// <summary>Marks a money-moving POST whose first response is replayed to a retry with the same Idempotency-Key.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// Idempotency-Key for money-moving POSTs: the first request's response is stored and a retry with the same key
/// gets it back, without running again. A retry that arrives while the first is still running gets 409.
/// (Order creation keeps its key inside the checkout batch instead; see OrderPlacement.)
/// </summary>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext http, IDbContextFactory<SprigDb> dbs, TimeProvider clock)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key) || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        if (key.Length > 200) throw SprigException.Validation(Header, "must be at most 200 characters");

        var userId = http.User.Id();
        var route = $"{http.Request.Method} {http.Request.Path}";
        await using (var db = await dbs.CreateDbContextAsync(http.RequestAborted))
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = userId, Key = key, Route = route, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                var first = await db.IdempotencyRecords.AsNoTracking().FirstAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
                if (first.Route != route)
                    throw new SprigException(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
                if (first.StatusCode == 0)
                    throw new SprigException(409, "idempotency_in_progress", "A request with this Idempotency-Key is still running; retry shortly.");
                http.Response.StatusCode = first.StatusCode;
                if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                await http.Response.Body.WriteAsync(first.Body ?? [], http.RequestAborted);
                return;
            }
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(http);
            if (http.Response.StatusCode < 500)
            {
                await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
                await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.StatusCode, http.Response.StatusCode)
                    .SetProperty(r => r.ContentType, http.Response.ContentType)
                    .SetProperty(r => r.Body, buffer.ToArray()));
                stored = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!stored)
            {
                // a failure on our side is not an answer: let the client retry with the same key
                await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
                await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key).ExecuteDeleteAsync();
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
