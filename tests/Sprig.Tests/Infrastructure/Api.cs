using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sprig.Tests.Infrastructure;

/// <summary>A signed-in (or anonymous) client of the HTTP API, speaking plain JSON as outside clients do.</summary>
public sealed class Api(HttpClient http, string? token)
{
    public HttpClient Http { get; } = http;
    public Guid UserId { get; init; }
    public string? Token { get; } = token;

    /// <summary>The same caller, talking to another host (two nodes on one database).</summary>
    public Api On(TestHost host) => new(host.CreateClient(), Token) { UserId = UserId };

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);
    public Task<Reply> PostAsync(string path, object? body = null, string? idempotencyKey = null) => SendAsync(HttpMethod.Post, path, body, idempotencyKey);
    public Task<Reply> PutAsync(string path, object? body = null) => SendAsync(HttpMethod.Put, path, body);
    public Task<Reply> PatchAsync(string path, object? body = null) => SendAsync(HttpMethod.Patch, path, body);
    public Task<Reply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>Sends a body as raw text, for malformed JSON.</summary>
    public Task<Reply> PostRawAsync(string path, string raw) => SendAsync(HttpMethod.Post, path, raw);

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey = null, IDictionary<string, string>? headers = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (Token is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (idempotencyKey is not null) req.Headers.Add("Idempotency-Key", idempotencyKey);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) req.Headers.TryAddWithoutValidation(k, v);
        if (body is string raw) req.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) req.Content = JsonContent.Create(body);
        using var res = await Http.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        return new Reply(res.StatusCode, text, res.Content.Headers.ContentType?.MediaType);
    }
}

public sealed record Reply(HttpStatusCode Status, string Text, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("empty body");
    public string? Code => ContentType == "application/problem+json" ? Json["code"]?.GetValue<string>() : null;
    public string Id => Json["id"]!.GetValue<string>();

    public Reply Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"expected {(int)status} {status}, got {(int)Status} {Status}: {Text}");
        return this;
    }

    /// <summary>A problem+json with the given status and code.</summary>
    public Reply ExpectProblem(HttpStatusCode status, string code)
    {
        Expect(status);
        Assert.Equal("application/problem+json", ContentType);
        Assert.Equal(code, Code);
        return this;
    }

    public T As<T>() => Json.Deserialize<T>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}
