using Microsoft.Playwright;

namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>
/// One person's browser tab. It records every console error and uncaught page error, accepts the confirmation
/// dialogs money-moving actions raise (and keeps their texts), and saves screenshots where the README shows them.
/// </summary>
public sealed class Browsing : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly List<string> _dialogs = [];

    public IPage Page { get; }

    public IReadOnlyList<string> Dialogs { get { lock (_dialogs) return _dialogs.ToList(); } }

    public Browsing(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error") lock (_errors) _errors.Add($"{page.Url}: {m.Text}");
        };
        page.PageError += (_, e) => { lock (_errors) _errors.Add($"{page.Url}: uncaught {e}"); };
        page.Dialog += async (_, d) =>
        {
            lock (_dialogs) _dialogs.Add(d.Message);
            await d.AcceptAsync();
        };
    }

    /// <summary>Opens a path and waits for the page and its scripts to have loaded.</summary>
    public async Task<IResponse?> GoAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is null || response.Ok, $"GET {path} answered {response?.Status}");
        return response;
    }

    public ILocator Test(string id) => Page.Locator($"[data-test=\"{id}\"]");

    /// <summary>
    /// Clicks a form's button and waits for the page the post answers with (the same address after a redirect, or the
    /// form again with the module's messages): the old document is marked first, so its notices are never mistaken
    /// for the new page's.
    /// </summary>
    public async Task SubmitAsync(ILocator button)
    {
        await Page.EvaluateAsync("() => document.documentElement.setAttribute('data-stale', '1')");
        await button.ClickAsync();
        await Page.Locator("html:not([data-stale])").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>The module's message shown beside a field inside the given part of the page.</summary>
    public ILocator FieldError(ILocator within, string field) => within.Locator($".field-error[data-field=\"{field}\"]");

    public async Task SignInAsync(string email, string password = "sprig-demo-1", string back = "/")
    {
        await GoAsync($"/signin?back={Uri.EscapeDataString(back)}");
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Task.WhenAll(Page.WaitForURLAsync(u => !u.Contains("/signin", StringComparison.Ordinal)), Page.ClickAsync("[data-test=signin-form] button[type=submit]"));
    }

    /// <summary>No console errors on any page this tab has shown so far.</summary>
    public void AssertNoConsoleErrors()
    {
        lock (_errors) Assert.True(_errors.Count == 0, "Browser console errors:\n" + string.Join("\n", _errors));
    }

    /// <summary>The page is no wider than the viewport: nothing scrolls sideways at a phone's width.</summary>
    public async Task AssertNoHorizontalScrollAsync()
    {
        var sizes = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(sizes[0] <= sizes[1], $"{Page.Url} scrolls sideways: {sizes[0]}px of content in a {sizes[1]}px viewport");
    }

    public Task ShotAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(Screenshots.Folder, name + ".png"), FullPage = fullPage });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
