using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Server.Web.Shared;

namespace Sprig.Server.Web.Ops;

/// <summary>The moderation queues, oldest first: content and comments the spam filter or banned words held (ModerationDesk).</summary>
public sealed class ModerationModel(SprigDb db, ModerationDesk desk) : WebPage
{
    public List<ContentItem> Held { get; private set; } = [];
    public List<Comment> Comments { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? note, CancellationToken ct) => RunAsync(() => desk.ApproveContentAsync(id, note, ct), Say("saved"));
    public Task<IActionResult> OnPostRejectAsync(Guid id, string? note, CancellationToken ct) => RunAsync(() => desk.RejectContentAsync(id, note, ct), Say("saved"));
    public Task<IActionResult> OnPostApproveCommentAsync(Guid id, string? note, CancellationToken ct) => RunAsync(() => desk.ApproveCommentAsync(id, note, ct), Say("saved"));
    public Task<IActionResult> OnPostRejectCommentAsync(Guid id, string? note, CancellationToken ct) => RunAsync(() => desk.RejectCommentAsync(id, note, ct), Say("saved"));

    protected override async Task LoadAsync()
    {
        Held = await db.ContentItems.AsNoTracking().Where(c => c.Status == ContentStatus.HeldForReview).OrderBy(c => c.Id).Take(50).ToListAsync();
        Comments = await db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.HeldForReview).OrderBy(c => c.Id).Take(50).ToListAsync();
    }
}
