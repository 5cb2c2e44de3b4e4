using Microsoft.AspNetCore.Mvc;
using Sprig.Content;
using Sprig.Kernel;
using Sprig.Server.Web.Shared;
using Sprig.Social;

namespace Sprig.Server.Web.Buyer;

/// <summary>
/// The small social actions of every buyer page (like, follow, share), through the Social module's desks. Under
/// htmx each answers with its button in the new state; without scripts it redirects back to the page.
/// </summary>
public sealed class ActModel(LikeDesk likes, FollowDesk follows, ShareDesk shares) : WebPage
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public string? Back { get; set; }

    public IActionResult OnGet() => LocalRedirect("/");

    public Task<IActionResult> OnPostLikeAsync(bool liked, CancellationToken ct) => ActAsync(async () =>
    {
        var kind = Kind == "product" ? SignalTarget.Product : SignalTarget.Content;
        var state = liked ? await likes.UnlikeAsync(Me, kind, Id, ct) : await likes.LikeAsync(Me, kind, Id, new Viewer(Me, IsOperator), ct);
        return Partial("_Like", new LikeButton(Kind!, Id, state.Liked, state.LikeCount));
    });

    public Task<IActionResult> OnPostFollowAsync(bool following, CancellationToken ct) => ActAsync(async () =>
    {
        var kind = Kind == "shop" ? FollowTarget.Shop : FollowTarget.User;
        var state = following ? await follows.UnfollowAsync(Me, kind, Id, ct) : await follows.FollowAsync(Me, kind, Id, ct);
        return Partial("_Follow", new FollowButton(Kind!, Id, state.Following, state.Followers));
    });

    public Task<IActionResult> OnPostShareAsync(CancellationToken ct) => ActAsync(async () =>
    {
        var kind = Kind == "product" ? SignalTarget.Product : SignalTarget.Content;
        var share = await shares.ShareAsync(Me, kind, Id, new Viewer(Me, IsOperator), new NewShare(null, null), ct);
        return Partial("_Share", new ShareButton(Kind!, Id, await shares.CountAsync(kind, Id, ct), $"/share/{share.Id}"));
    });

    private async Task<IActionResult> ActAsync(Func<Task<IActionResult>> act)
    {
        var back = Account.SignInModel.SafeBack(Back);
        if (!SignedIn)
        {
            var signIn = "/signin?back=" + Uri.EscapeDataString(back);
            if (!IsHtmx) return LocalRedirect(signIn);
            Response.Headers["HX-Redirect"] = signIn;
            return new EmptyResult();
        }
        try
        {
            var result = await act();
            return IsHtmx ? result : LocalRedirect(back);
        }
        catch (SprigException e)
        {
            TempData[NoticeKey] = $"{e.Code}: {e.Message}";
            if (!IsHtmx) return LocalRedirect(back);
            Response.Headers["HX-Redirect"] = back;
            return new EmptyResult();
        }
    }
}
