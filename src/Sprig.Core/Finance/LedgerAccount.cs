namespace Sprig.Finance;

/// <summary>
/// The ledger's accounts. Amounts on journal lines are signed: debit positive, credit negative, so every
/// entry sums to zero and so does the whole ledger. Merchant and creator accounts are kept per owner
/// (the shop or the creator); platform accounts have no owner.
/// </summary>
public enum LedgerAccount
{
    /// <summary>Asset: money the gateway collected from buyers, held by the platform until it is paid out.</summary>
    PlatformClearing,
    /// <summary>Liability, per shop: paid for, not yet settled (frozen).</summary>
    MerchantPending,
    /// <summary>Liability, per shop: settled and withdrawable.</summary>
    MerchantAvailable,
    /// <summary>Income: technical service fees.</summary>
    PlatformFeeRevenue,
    /// <summary>Expense: platform-funded discounts (subsidies, platform coupons).</summary>
    PlatformSubsidyExpense,
    /// <summary>Liability, per creator: affiliate commission owed.</summary>
    CreatorCommissionPayable,
    /// <summary>Liability: refunds granted to buyers, until the gateway has paid them back.</summary>
    Refunds,
    /// <summary>Liability, per shop: withdrawals requested, until the bank has paid them.</summary>
    WithdrawalsInTransit,
}

/// <summary>The kinds of entry, as the platforms' statements name them.</summary>
public enum EntryKind
{
    OrderPayment,
    Subsidy,
    Refund,
    RefundPayout,
    Settlement,
    Fee,
    AffiliateSplit,
    Clawback,
    SubsidyClawback,
    Withdrawal,
    WithdrawalPaid,
    WithdrawalFailed,
}
