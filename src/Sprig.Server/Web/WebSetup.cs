using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.FileProviders;
using Sprig.Accounts;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web;

/// <summary>
/// The web UI's wiring: Razor Pages under Web/ (one folder per face), a cookie sign-in of its own, the
/// language switch, the vendored scripts in wwwroot. See docs/decisions/0009-web-ui.md.
/// </summary>
public static class WebSetup
{
    /// <summary>Pages that need a signed-in user (any role); the face's page model checks the rest against the database.</summary>
    public const string SignedIn = "web";
    public const string Operator = "web-operator";

    public static IServiceCollection AddSprigWeb(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web";
            o.Conventions.AuthorizeFolder("/Merchant", SignedIn);
            o.Conventions.AuthorizeFolder("/Ops", Operator);
            o.Conventions.AuthorizeFolder("/Buyer/Me", SignedIn);
        }).AddMvcOptions(o =>
        {
            o.Filters.Add(new ResponseCacheAttribute { NoStore = true, Location = ResponseCacheLocation.None });
            o.Filters.Add<ProblemPageFilter>();
        });
        // the shared problem page is rendered as a view from the page filter
        services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(o => o.ViewLocationFormats.Add("/Web/Shared/{0}.cshtml"));
        services.AddHttpContextAccessor();
        // Chinese text goes out as text, not as &#x...; entities
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddAuthentication().AddCookie(WebAuth.Scheme, o =>
        {
            o.Cookie.Name = "sprig.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/denied";
            o.ReturnUrlParameter = "back";
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.SlidingExpiration = true;
            // like the API's tokens, sessions run on the wall clock: moving the manual clock ten days must not sign anyone out
            o.TimeProvider = TimeProvider.System;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(WebAuth.Scheme).RequireAuthenticatedUser())
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(WebAuth.Scheme).RequireRole(Roles.Operator));
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddScoped<Lang>();
        services.AddScoped<Buyer.SocialReads>();
        services.AddScoped<Merchant.ShopDashboard>();
        services.AddScoped<Ops.EcosystemDashboard>();
        return services;
    }

    /// <summary>The content root's wwwroot (dotnet run, the test host), else the one copied beside the binary (the dll run from elsewhere), else none.</summary>
    public static string? WebRoot(string contentRoot) =>
        new[] { Path.Combine(contentRoot, "wwwroot"), Path.Combine(AppContext.BaseDirectory, "wwwroot") }.FirstOrDefault(Directory.Exists);

    public static IApplicationBuilder UseSprigStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            // files are linked with ?v=<hash> (asp-append-version), so a year of caching is safe
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = ctx.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable" : "no-cache",
        });

    /// <summary>
    /// Outside /api, a request is signed in by the web cookie. The API never reads the cookie: it answers 401
    /// problem+json without a bearer token, and a page on another site cannot spend a buyer's session on it.
    /// </summary>
    public static IApplicationBuilder UseWebCookieSignIn(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/api") && http.User.Identity?.IsAuthenticated != true)
        {
            var result = await http.AuthenticateAsync(WebAuth.Scheme);
            if (result.Succeeded) http.User = result.Principal;
        }
        await next(http);
    });

    public static void MapSprigWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/lang/{code}", (string code, string? back, HttpContext http) =>
        {
            http.Response.Cookies.Append(Lang.Cookie, Lang.Normalize(code), new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(back is { Length: > 0 } b && b.StartsWith('/') && !b.StartsWith("//") ? b : "/");
        }).ExcludeFromDescription();
    }
}
