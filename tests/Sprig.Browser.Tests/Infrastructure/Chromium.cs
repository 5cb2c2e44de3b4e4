namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>Debian's Chromium, driven by Playwright; the tests skip themselves where it is not installed.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static void SkipUnlessInstalled() =>
        Assert.SkipWhen(!File.Exists(Path), $"{Path} is not installed (apt-get install -y chromium): browser tests are skipped.");
}
