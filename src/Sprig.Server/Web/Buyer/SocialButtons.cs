namespace Sprig.Server.Web.Buyer;

/// <summary>A like toggle: content or product, and its state.</summary>
public sealed record LikeButton(string Kind, Guid Id, bool Liked, long Count);

/// <summary>A follow toggle: a shop or a user, and its state.</summary>
public sealed record FollowButton(string Kind, Guid Id, bool Following, long Followers);

/// <summary>A share button, and once pressed, the link it made.</summary>
public sealed record ShareButton(string Kind, Guid Id, long Count, string? Link);
