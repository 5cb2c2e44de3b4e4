namespace Sprig.Finance;

/// <summary>How one order line was charged when it settled: the base, the rate, the program that set it, the fee.</summary>
public sealed class SettlementPart
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid LineId { get; init; }
    public long Base { get; init; }
    public int RateBps { get; init; }
    public required string Program { get; init; }
    public long Fee { get; init; }
}

public enum WithdrawalStatus { Requested, Paid, Failed }

/// <summary>A merchant taking available money out: requested → paid | failed (and returned to the balance).</summary>
public sealed class Withdrawal
{
    public Guid Id { get; init; }
    public Guid ShopId { get; init; }
    public long Amount { get; init; }
    public WithdrawalStatus Status { get; set; } = WithdrawalStatus.Requested;
    public string? FailureReason { get; set; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Version { get; set; }
}
