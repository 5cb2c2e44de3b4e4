using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Server.Http;

namespace Sprig.Server.Endpoints;

public sealed record PayRequest(string? Gateway);
public sealed record PaymentDto(Guid Id, Guid OrderId, long Amount, string Currency, string Gateway, PaymentStatus Status,
    string? GatewayTransactionId, string? RefundReason, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
public sealed record CallbackResult(CallbackOutcome Outcome);

public static class PaymentsEndpoints
{
    public static void MapPaymentsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/orders/{orderId:guid}/pay", async (Guid orderId, PayRequest req, HttpContext http, Checkout checkout, CancellationToken ct) =>
            TypedResults.Ok(OrderDto.From(await checkout.PayAsync(orderId, http.User.Id(), req.Gateway, ct))))
            .RequireAuthorization().WithMetadata(new IdempotentAttribute()).WithTags("Payments");

        api.MapGet("/orders/{orderId:guid}/payments", async (Guid orderId, HttpContext http, OrderDesk orders, SprigDb db, CancellationToken ct) =>
        {
            await orders.GetVisibleAsync(orderId, http.User.Id(), http.User.IsOperator(), ct);
            var intents = await db.PaymentIntents.AsNoTracking().Where(p => p.OrderId == orderId).OrderBy(p => p.Id).ToListAsync(ct);
            return TypedResults.Ok(intents.Select(p => new PaymentDto(p.Id, p.OrderId, p.Amount, Money.Currency, p.Gateway, p.Status,
                p.GatewayTransactionId, p.RefundReason, p.CreatedAt, p.CompletedAt)).ToList());
        }).RequireAuthorization().WithTags("Payments");

        // The gateway calls this; the signature over the exact body bytes is its credential.
        api.MapPost("/payments/sandbox/callback", async (HttpContext http, Checkout checkout, CancellationToken ct) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(ct);
            var signature = http.Request.Headers[SandboxGateway.SignatureHeader].ToString();
            if (string.IsNullOrEmpty(signature))
                throw new SprigException(401, "invalid_signature", $"The {SandboxGateway.SignatureHeader} header is missing.");
            var outcome = await checkout.HandleCallbackAsync(new SignedCallback(body, signature), ct);
            return TypedResults.Ok(new CallbackResult(outcome));
        }).AllowAnonymous().WithTags("Payments");
    }
}
