namespace Sprig.Server.Web.Shared;

public static partial class Text
{
    private static readonly (string Key, string Zh, string En)[] Ops =
    [
    ];
}
