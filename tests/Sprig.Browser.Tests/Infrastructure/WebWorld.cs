using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sprig.Kernel;

namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>
/// One Sprig host with the demo and one Chromium for a test class, started on first use (so a skipped class starts
/// nothing) and stopped with the class: no server or browser outlives the tests.
/// </summary>
public sealed class WebWorld : IAsyncLifetime
{
    private readonly string _file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sprig-browser-{Guid.NewGuid():N}.db");
    private readonly SemaphoreSlim _start = new(1, 1);
    private WebHost? _host;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public WebHost Host => _host ?? throw new InvalidOperationException("Call StartAsync first.");
    public ManualClock Clock => Host.Services.GetRequiredService<ManualClock>();

    public async Task StartAsync()
    {
        Chromium.SkipUnlessInstalled();
        await _start.WaitAsync();
        try
        {
            if (_host is not null) return;
            var host = new WebHost(_file);
            BaseUrl = host.Start();
            _host = host;
            await WarmAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.Path, Args = Chromium.Args, Headless = true });
        }
        finally
        {
            _start.Release();
        }
    }

    /// <summary>A fresh browser profile (its own cookies) at the given width: 390 px is the buyer's phone.</summary>
    public async Task<Browsing> OpenAsync(int width = 390, int height = 844)
    {
        await StartAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        return new Browsing(context, await context.NewPageAsync());
    }

    /// <summary>
    /// A running node has served pages and feeds before anyone times it: one crowd buyer of the demo opens the
    /// recommended tab (as the crowd does whenever the clock moves) and the layout renders once, so the timed first
    /// page measures the page, not the JIT.
    /// </summary>
    private async Task WarmAsync()
    {
        using (var scope = Host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Sprig.Data.SprigDb>();
            var crowd = await db.Users.Where(u => u.Email.StartsWith("crowd01")).Select(u => u.Id).FirstAsync();
            await Service<Sprig.Distribution.Feed>().ServeAsync(crowd, "recommended", 20, CancellationToken.None);
        }
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        foreach (var path in new[] { "/", "/signin", "/signup" }) (await http.GetAsync(path)).EnsureSuccessStatusCode();
    }

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        if (_host is not null) await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    }
}
