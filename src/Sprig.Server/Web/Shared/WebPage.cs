using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sprig.Kernel;
using Sprig.Server.Http;

namespace Sprig.Server.Web.Shared;

/// <summary>
/// What every page model shares: the signed-in user, and one way to run a command of a module. A command that
/// works redirects back (post/redirect/get) with a notice; one the module refuses re-renders the page with the
/// module's own code and messages, each field's message beside its field, so the UI says exactly what the API says.
/// </summary>
public abstract class WebPage : PageModel
{
    public const string ProblemKey = "problem";
    public const string FieldErrorsKey = "fieldErrors";
    public const string NoticeKey = "notice";

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public Guid Me => User.Id();

    public bool IsOperator => User.IsOperator();

    public IDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Fields whose messages a form showed; the banner lists the rest.</summary>
    public HashSet<string> ShownFields { get; } = [];

    /// <summary>The visitor's language, for notices written by page models.</summary>
    protected Lang L => HttpContext.RequestServices.GetRequiredService<Lang>();

    /// <summary>A notice in the visitor's language.</summary>
    protected string Say(string key, params object?[] args) => args.Length == 0 ? L[key] : L.F(key, args);

    public bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    /// <summary>Reloads what the page shows, for a re-render after a refused command.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected async Task<IActionResult> RunAsync(Func<Task> command, string? notice = null, string? then = null)
    {
        try
        {
            await command();
        }
        catch (SprigException e)
        {
            await FailAsync(e);
            return Page();
        }
        if (notice is not null) TempData[NoticeKey] = notice;
        return LocalRedirect(then ?? Request.Path + QueryWithoutHandler());
    }

    protected async Task FailAsync(SprigException e)
    {
        // the page answers 200 with the messages: the form is the answer, and a 4xx would read as a broken page in the browser's console
        FieldErrors = e.Errors ?? new Dictionary<string, string[]>();
        ViewData[ProblemKey] = e;
        ViewData[FieldErrorsKey] = this;
        await LoadAsync();
    }

    /// <summary>The module's messages for one field (by its API name, e.g. <c>skus[0].price</c>), for beside the input.</summary>
    public IHtmlContent ErrorFor(string field)
    {
        ShownFields.Add(field);
        if (!FieldErrors.TryGetValue(field, out var messages)) return HtmlString.Empty;
        var b = new HtmlContentBuilder();
        b.AppendHtml("<span class=\"field-error\" data-field=\"");
        b.Append(field);
        b.AppendHtml("\">");
        b.Append(Fmt.YuanInText(string.Join("; ", messages)));
        b.AppendHtml("</span>");
        return b;
    }

    /// <summary>The messages for a field only on the form that was sent (a page with a form per row shows them on that row).</summary>
    public IHtmlContent ErrorFor(string field, bool here) => here ? ErrorFor(field) : HtmlString.Empty;

    /// <summary>
    /// A yuan amount typed in a form, as fen for the module (which checks its range and says so in its words). Text
    /// that is not an amount at all fails here: the API would have refused it as malformed JSON.
    /// </summary>
    protected static long? ParseYuan(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Fmt.Fen(text) ?? throw SprigException.Validation(field, "is not an amount in yuan (for example 12.50)");

    /// <summary>A percentage typed in a form ("12.5"), as basis points for the module (1250), which checks its range.</summary>
    protected static int? ParsePercent(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Fmt.PercentToBps(text) ?? throw SprigException.Validation(field, "is not a percentage (for example 12.5)");

    /// <summary>A time typed in a datetime-local input (Beijing time); text that is not a time fails here, as malformed JSON would.</summary>
    protected static DateTimeOffset? ParseTime(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Fmt.ParseTime(text) ?? throw SprigException.Validation(field, "is not a date and time");

    /// <summary>Ids typed or pasted into one box, split by commas, spaces or lines; null when there are none.</summary>
    protected static List<Guid>? ParseIds(string? text, string field)
    {
        var parts = (text ?? "").Split([',', ' ', '\n', '\r', '\t', '，'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        var ids = new List<Guid>();
        foreach (var part in parts)
            ids.Add(Guid.TryParse(part, out var id) ? id : throw SprigException.Validation(field, $"\"{part}\" is not an id"));
        return ids;
    }

    public string? Invalid(string field) => FieldErrors.ContainsKey(field) ? "invalid" : null;

    public string? Invalid(string field, bool here) => here ? Invalid(field) : null;

    private string QueryWithoutHandler()
    {
        var q = Request.Query.Where(kv => kv.Key != "handler").ToList();
        return q.Count == 0 ? "" : QueryString.Create(q.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))).ToString();
    }
}
