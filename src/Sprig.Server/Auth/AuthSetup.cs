using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sprig.Accounts;

namespace Sprig.Server.Auth;

public static class AuthSetup
{
    public const string OperatorPolicy = "operator";
    public const string AuthRateLimit = "auth";

    public static IServiceCollection AddSprigAuth(this IServiceCollection services)
    {
        services.AddSingleton<Tokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwt>();
        services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, p => p.RequireRole(Roles.Operator));
        return services;
    }

    private sealed class ConfigureJwt(Tokens tokens) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions o) => Configure(o);

        public void Configure(JwtBearerOptions o)
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Tokens.Issuer,
                ValidAudience = Tokens.Issuer,
                IssuerSigningKeyResolver = (_, _, _, _) => [tokens.Key],
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        }
    }
}
