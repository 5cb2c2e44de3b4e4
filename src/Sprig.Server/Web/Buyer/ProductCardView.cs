using Sprig.Server.Endpoints;

namespace Sprig.Server.Web.Buyer;

public sealed record ProductCardView(CardDto Card, OrderTrail Trail, bool Pinned = false);
