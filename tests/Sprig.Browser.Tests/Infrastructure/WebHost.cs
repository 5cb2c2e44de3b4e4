using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sprig.Browser.Tests.Infrastructure;

/// <summary>
/// The real Sprig host on real Kestrel (a browser needs a socket), on 127.0.0.1 and a free port, with the demo data,
/// the manual clock and a temp SQLite file: what a newcomer gets from <c>dotnet run</c>, but with time under the test's hand.
/// </summary>
public sealed class WebHost(string databaseFile) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sprig:Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Sprig", $"Data Source={databaseFile}");
        builder.UseSetting("Sprig:Clock", "manual");
        builder.UseSetting("Sprig:Demo", "true");
        // the demo as a newcomer sees it, orders included (the manual clock alone would leave them out)
        builder.UseSetting("Sprig:DemoOrders", "true");
        // a browser suite signs in many times from one address
        builder.UseSetting("Sprig:RateLimits:AuthPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        builder.ConfigureLogging(l => l.AddProvider(new ErrorFileLogger(Path.Combine(AppContext.BaseDirectory, "server-errors.log"))));
    }

    /// <summary>Starts Kestrel and returns the address it listens on.</summary>
    public string Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }
}
