using Microsoft.AspNetCore.Mvc;
using Sprig.Server.Web.Shared;
using Sprig.Social;

namespace Sprig.Server.Web.Buyer;

/// <summary>A share link opens what was shared, carrying the share id so an order from it credits the sharer chain.</summary>
public sealed class ShareModel(ShareDesk shares) : WebPage
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var share = await shares.GetAsync(id, ct);
        return LocalRedirect(share.TargetKind == SignalTarget.Product ? $"/p/{share.TargetId}?share={id}" : $"/v/{share.TargetId}?share={id}");
    }
}
