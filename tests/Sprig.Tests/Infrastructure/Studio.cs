using System.Net;
using System.Text.Json.Nodes;

namespace Sprig.Tests.Infrastructure;

/// <summary>Content made through the API the way merchants and creators make it.</summary>
public static class Studio
{
    public static object Video(string title, params string[] productIds) =>
        new { kind = "video", title, mediaUrl = "https://cdn.example.com/v/1.mp4", durationSeconds = 45, productIds };

    public static object Live(string title, params string[] productIds) =>
        new { kind = "live", title, mediaUrl = "https://live.example.com/room/1.flv", productIds };

    public static async Task<JsonNode> PostAsync(Api author, object body) =>
        (await author.PostAsync("/api/content", body)).Expect(HttpStatusCode.Created).Json;

    public static async Task<string> VideoAsync(Api author, string title = "新品开箱", params string[] productIds) =>
        (await PostAsync(author, Video(title, productIds)))["id"]!.GetValue<string>();

    /// <summary>A live session on air with the given cards.</summary>
    public static async Task<string> OnAirAsync(Api host, params string[] productIds)
    {
        var id = (await PostAsync(host, Live("今晚 8 点直播", productIds)))["id"]!.GetValue<string>();
        (await host.PostAsync($"/api/content/{id}/live/start")).Expect(HttpStatusCode.OK);
        return id;
    }
}
