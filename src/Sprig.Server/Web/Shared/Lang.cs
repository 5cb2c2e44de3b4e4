namespace Sprig.Server.Web.Shared;

/// <summary>
/// The visitor's language: Chinese by default, English when the <c>sprig-lang</c> cookie says so (the switch in
/// every page's header sets it). Texts come from <see cref="Text"/>, a typed catalogue kept in one file so a
/// missing translation shows in review, not at run time.
/// </summary>
public sealed class Lang(IHttpContextAccessor http)
{
    public const string Cookie = "sprig-lang";

    public bool En { get; } = Normalize(http.HttpContext?.Request.Cookies[Cookie]) == "en";

    public string Code => En ? "en" : "zh";

    public string HtmlLang => En ? "en" : "zh-CN";

    public string this[string key] => Text.Get(key, En);

    public string F(string key, params object?[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], args);

    /// <summary>An enum value's label (<c>status.PendingShipment</c>), or its name when the catalogue has none.</summary>
    public string Of<T>(T value) where T : struct, Enum => Text.Find($"{typeof(T).Name}.{value}", En) ?? value.ToString();

    /// <summary>Chinese or English of a pair the data itself carries (a category's Name / NameEn).</summary>
    public string Pick(string zh, string? en) => En && !string.IsNullOrEmpty(en) ? en : zh;

    public static string Normalize(string? code) => string.Equals(code, "en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh";
}
