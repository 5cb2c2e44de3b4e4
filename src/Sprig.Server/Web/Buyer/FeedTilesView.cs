namespace Sprig.Server.Web.Buyer;

/// <summary>A batch of tiles and, when the tab may have more, the address of the next batch.</summary>
public sealed record FeedTilesView(IReadOnlyList<FeedTile> Tiles, string? MoreHref);
