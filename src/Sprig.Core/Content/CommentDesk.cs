using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Kernel;

namespace Sprig.Content;

/// <summary>
/// Comments on published content. The filter holds suspicious ones for the operator; only visible comments count,
/// and the count moves in the same transaction as the status, by one conditional statement.
/// </summary>
public sealed class CommentDesk(SprigDb db, ContentDesk contents, ModerationDesk moderation, TimeProvider clock)
{
    public const int MaxText = 500;

    public async Task<Comment> PostAsync(Guid contentId, Guid userId, string? text, CancellationToken ct = default)
    {
        new Validator().Text(text, "text", MaxText).ThrowIfInvalid();
        var content = await contents.GetAsync(contentId, new Viewer(userId, false), ct);
        if (content.Status != ContentStatus.Published)
            throw new SprigException(409, "content_not_published", "Comments open once the content is published.");
        var hit = await moderation.CheckAsync([text], ct);
        var comment = new Comment
        {
            Id = Ids.New(), ContentId = contentId, UserId = userId, Text = text!.Trim(), CreatedAt = clock.GetUtcNow(),
            Status = hit is null ? CommentStatus.Visible : CommentStatus.HeldForReview, HoldReason = hit?.Reason,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);
        if (hit is null) await CountAsync(db, contentId, +1, ct);
        await tx.CommitAsync(ct);
        return comment;
    }

    /// <summary>The commenter, the content's author (their own comment section) or an operator removes a comment.</summary>
    public async Task DeleteAsync(Guid contentId, Guid commentId, Viewer viewer, CancellationToken ct = default)
    {
        var content = await contents.GetAsync(contentId, viewer, ct);
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.ContentId == contentId, ct);
        if (comment is null || comment.Status == CommentStatus.Removed) throw SprigException.NotFound("Comment");
        if (comment.UserId != viewer.UserId && content.AuthorId != viewer.UserId && !viewer.IsOperator)
            throw SprigException.Forbidden("Only its writer, the content's author or an operator removes a comment.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var wasVisible = await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Visible)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Removed), ct);
        if (wasVisible == 1) await CountAsync(db, contentId, -1, ct);
        else if (await db.Comments.Where(c => c.Id == commentId && c.Status != CommentStatus.Removed)
                     .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Removed), ct) == 0)
            throw SprigException.NotFound("Comment");
        await tx.CommitAsync(ct);
    }

    /// <summary>Moves the content's visible-comment count; never below zero.</summary>
    public static Task CountAsync(SprigDb db, Guid contentId, int delta, CancellationToken ct) =>
        db.ContentItems.Where(c => c.Id == contentId && c.CommentCount + delta >= 0)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.CommentCount, c => c.CommentCount + delta), ct);
}
