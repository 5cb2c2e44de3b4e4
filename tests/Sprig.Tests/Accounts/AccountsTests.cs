using System.Net;
using Microsoft.EntityFrameworkCore;
using Sprig.Tests.Infrastructure;

namespace Sprig.Tests.Accounts;

public sealed class AccountsTests
{
    [Fact]
    public async Task Register_Login_Me()
    {
        await using var market = await Market.StartAsync();
        var anon = market.Host.Anonymous();
        var user = (await anon.PostAsync("/api/auth/register", new { email = "Mei@Example.com", password = "correct horse", displayName = "美美" }))
            .Expect(HttpStatusCode.Created).Json;
        Assert.Equal("mei@example.com", user["email"]!.GetValue<string>());
        (await anon.PostAsync("/api/auth/register", new { email = "mei@example.com", password = "another one", displayName = "x" }))
            .ExpectProblem(HttpStatusCode.Conflict, "email_taken");
        (await anon.PostAsync("/api/auth/register", new { email = "not-an-email", password = "short", displayName = "" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");

        (await anon.PostAsync("/api/auth/login", new { email = "mei@example.com", password = "wrong password" }))
            .ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        var login = (await anon.PostAsync("/api/auth/login", new { email = "MEI@example.com", password = "correct horse" })).Expect(HttpStatusCode.OK).Json;
        Assert.True(login["expiresIn"]!.GetValue<int>() > 0);
        var me = new Api(market.Host.CreateClient(), login["accessToken"]!.GetValue<string>());
        var profile = (await me.GetAsync("/api/me")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("美美", profile["displayName"]!.GetValue<string>());
        Assert.Equal(["buyer"], profile["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        // the password is stored as an Identity hash, never as given
        var stored = await market.Host.WithDbAsync(db => db.Users.Where(u => u.Email == "mei@example.com").Select(u => u.PasswordHash).SingleAsync());
        Assert.DoesNotContain("correct horse", stored);

        (await new Api(market.Host.CreateClient(), "not.a.token").GetAsync("/api/me")).ExpectProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerClient()
    {
        await using var market = await Market.StartAsync(settings: new Dictionary<string, string> { ["Sprig:RateLimits:AuthPerMinute"] = "3" });
        var anon = market.Host.Anonymous();
        for (var i = 0; i < 3; i++)
            (await anon.PostAsync("/api/auth/login", new { email = "who@example.com", password = "guess-" + i })).ExpectProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await anon.PostAsync("/api/auth/login", new { email = "who@example.com", password = "guess-4" })).ExpectProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task OpeningAShop_MakesTheUserAMerchant_AndAnyoneMayBecomeACreator()
    {
        await using var market = await Market.StartAsync();
        var user = await market.Host.UserAsync();
        (await user.PostAsync("/api/shops", new { name = "店", kind = "brand" })).Expect(HttpStatusCode.Created);
        (await user.PostAsync("/api/shops", new { name = "店", kind = "flagship" })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var roles = (await user.GetAsync("/api/me")).Json["roles"]!.AsArray().Select(r => r!.GetValue<string>());
        Assert.Contains("merchant", roles);
        Assert.DoesNotContain("creator", roles);

        var creator = (await user.PostAsync("/api/me/creator")).Expect(HttpStatusCode.OK).Json["roles"]!.AsArray().Select(r => r!.GetValue<string>());
        Assert.Equal(["buyer", "merchant", "creator"], creator);
    }
}
