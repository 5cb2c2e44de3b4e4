namespace Sprig.Accounts;

[Flags]
public enum Role
{
    None = 0,
    Buyer = 1,
    Merchant = 2,
    Creator = 4,
    Operator = 8,
}

public static class Roles
{
    public const string Buyer = "buyer";
    public const string Merchant = "merchant";
    public const string Creator = "creator";
    public const string Operator = "operator";

    public static IEnumerable<string> Names(Role roles)
    {
        if (roles.HasFlag(Role.Buyer)) yield return Buyer;
        if (roles.HasFlag(Role.Merchant)) yield return Merchant;
        if (roles.HasFlag(Role.Creator)) yield return Creator;
        if (roles.HasFlag(Role.Operator)) yield return Operator;
    }
}
