using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sprig.Kernel;
using Sprig.Platform;

namespace Sprig.Payments;

/// <summary>What a gateway tells us about a payment, in the body of its signed callback.</summary>
public sealed record GatewayNotice(string Gateway, Guid IntentId, long Amount, string Currency, string TransactionId, string Status);

/// <summary>A callback as it arrives over the wire: the exact body bytes and the signature header.</summary>
public sealed record SignedCallback(string Body, string Signature);

/// <summary>
/// The built-in sandbox gateway. It behaves like a real one: it charges, then reports the result in a callback
/// whose body is signed with HMAC-SHA256 under a secret shared with the platform. It always succeeds.
/// </summary>
public sealed class SandboxGateway(PlatformSettings settings)
{
    public const string Name = "sandbox";
    public const string SignatureHeader = "X-Sandbox-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SignedCallback> ChargeAsync(PaymentIntent intent, CancellationToken ct = default)
    {
        var notice = new GatewayNotice(Name, intent.Id, intent.Amount, Money.Currency, "sbx_" + Guid.NewGuid().ToString("N"), "succeeded");
        var body = JsonSerializer.Serialize(notice, Json);
        return new SignedCallback(body, await SignAsync(body, ct));
    }

    public async Task<string> SignAsync(string body, CancellationToken ct = default)
    {
        var key = Convert.FromBase64String(await settings.GetSecretAsync(PlatformSettings.SandboxGatewaySecret, ct));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)));
    }

    public async Task<bool> VerifyAsync(SignedCallback callback, CancellationToken ct = default)
    {
        var expected = Encoding.ASCII.GetBytes(await SignAsync(callback.Body, ct));
        var given = Encoding.ASCII.GetBytes(callback.Signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// Sends money back for a payment. Idempotent like a real gateway's refund API: the same refund request id
    /// always gets the same refund transaction, so a retried refund never pays twice.
    /// </summary>
    public static string Refund(Guid refundRequestId, long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return "sbxr_" + refundRequestId.ToString("N");
    }

    public static GatewayNotice? Parse(string body)
    {
        try
        {
            var n = JsonSerializer.Deserialize<GatewayNotice>(body, Json);
            return n is { Gateway: not null, TransactionId: not null, Status: not null, Currency: not null } ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
