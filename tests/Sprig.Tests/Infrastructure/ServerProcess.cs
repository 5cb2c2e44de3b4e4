using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sprig.Tests.Infrastructure;

/// <summary>The built server run as its own OS process (the dll, not dotnet run), so a test can kill it for real.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    public Uri Address { get; }

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public static string ServerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sprig.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
        var dll = Path.Combine(dir.FullName, "src", "Sprig.Server", "bin", configuration, "net10.0", "Sprig.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first", dll);
    }

    public static async Task<ServerProcess> StartAsync(TestDatabase db, params string[] extra)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { ServerDll(), "--urls", address.ToString().TrimEnd('/'), "--Sprig:Database:Provider=" + db.Provider,
                     "--ConnectionStrings:Sprig=" + db.ConnectionString, "--no-demo", "--Logging:LogLevel:Default=Warning" }.Concat(extra))
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"server exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return new ServerProcess(process, address);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("server did not become healthy");
    }

    public Api Client(string? token = null) => new(new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) }, token);

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a machine loses power to the process.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
