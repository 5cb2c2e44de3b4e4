namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>docs/screenshots/ of the repository the tests run from (found by walking up to Sprig.slnx).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sprig.slnx")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
        }
        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }
}
