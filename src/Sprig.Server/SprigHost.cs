using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Ordering;
using Sprig.Payments;
using Sprig.Server.Auth;
using Sprig.Server.Endpoints;
using Sprig.Server.Http;
using Sprig.Server.Jobs;
using Sprig.Server.Web;

namespace Sprig.Server;

/// <summary>Builds the one host: HTTP API, reference page, web UI, background jobs.</summary>
public static class SprigHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(ShortFlags(args));
        builder.WebHost.UseKestrel(o => o.AddServerHeader = false);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        // set on the environment, not with UseWebRoot: WebApplicationBuilder refuses a changed web root once created,
        // which is the case when the dll runs from elsewhere (the benchmark, a published folder)
        if (Web.WebSetup.WebRoot(builder.Environment.ContentRootPath) is { } webRoot && webRoot != builder.Environment.WebRootPath)
        {
            builder.Environment.WebRootPath = webRoot;
            builder.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(webRoot);
        }

        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>API.md's short flags are shorthands for configuration keys.</summary>
    public static string[] ShortFlags(string[] args) =>
        args.Select(a => a switch
        {
            "--no-demo" => "--Sprig:Demo=false",
            "--manual-clock" => "--Sprig:Clock=manual",
            _ => a,
        }).ToArray();

    public static void ConfigureServices(IServiceCollection services, IConfiguration config)
    {
        var database = DatabaseOptions.From(config["Sprig:Database:Provider"], config.GetConnectionString("Sprig"));
        services.AddSprigCore(database);
        services.Configure<OrderPlacementOptions>(config.GetSection("Sprig:Ordering"));
        services.Configure<PaymentCaptureOptions>(config.GetSection("Sprig:Payments"));
        services.Configure<Sprig.Distribution.DistributionOptions>(config.GetSection("Sprig:Distribution"));
        services.Configure<Sprig.Distribution.SignalWriterOptions>(config.GetSection("Sprig:Signals"));
        services.Configure<Sprig.Catalog.Search.ShelfOptions>(config.GetSection("Sprig:Search"));

        if (string.Equals(config["Sprig:Clock"], "manual", StringComparison.OrdinalIgnoreCase))
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // bad JSON reaches the problem writer instead of an empty 400
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(Problems.Customize);
        services.AddExceptionHandler<Problems>();

        services.AddSprigAuth();
        // the web UI: Razor Pages with their own cookie sign-in; the API stays bearer-only (docs/decisions/0009)
        services.AddSprigWeb();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // password guessing: sign-in and registration per client address
            var perMinute = config.GetValue("Sprig:RateLimits:AuthPerMinute", 60);
            o.AddPolicy(AuthSetup.AuthRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurity>());
        services.AddHealthChecks().AddDbContextCheck<SprigDb>("database");

        services.AddScoped<Demo.DemoData>();
        services.AddScoped<Demo.DemoPromotions>();
        services.AddSingleton<Demo.DemoCrowd>();
        services.AddScoped<Demo.DemoSocial>();
        services.AddScoped<Demo.DemoOrders>();
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<WarmUp>();
        // Sprig:Jobs=false keeps this node from running the timers (a node that only serves requests, or a benchmark)
        if (config.GetValue("Sprig:Jobs", true)) services.AddHostedService<TimersJob>();
        if (config.GetValue("Sprig:Jobs", true)) services.AddHostedService<AnalyticsJob>();
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSprigStaticFiles();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseWebCookieSignIn();
        app.UseAuthorization();
        app.UseMiddleware<Idempotency>();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Sprig API"));
        // "/" is the buyer app (Web/Buyer); the API reference stays at /docs
        app.MapSprigWeb();
        app.MapHealthChecks("/health");

        var api = app.MapGroup("/api");
        api.MapAccountsEndpoints();
        api.MapShopsEndpoints();
        api.MapCatalogEndpoints();
        api.MapProductReviewEndpoints();
        api.MapShelfEndpoints();
        api.MapOrderingEndpoints();
        api.MapPaymentsEndpoints();
        api.MapAfterSalesEndpoints();
        api.MapMoneyEndpoints();
        api.MapAffiliateEndpoints();
        api.MapPromotionsEndpoints();
        api.MapFlashSalesEndpoints();
        api.MapCampaignsEndpoints();
        api.MapOperationsEndpoints();
        api.MapFeedEndpoints();
        api.MapAnalyticsEndpoints();
        api.MapContentEndpoints();
        api.MapSocialEndpoints();
        api.MapModerationEndpoints();
    }
}
