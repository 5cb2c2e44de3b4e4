using Microsoft.EntityFrameworkCore;
using Sprig.Data;
using Sprig.Distribution;
using Sprig.Kernel;

namespace Sprig.Content;

/// <summary>
/// Moderation: the spam filter with the operator's banned words, and the operator's review of what it held.
/// Approving publishes (the content enters distribution, the comment shows); rejecting keeps it out and tells the
/// author why.
/// </summary>
public sealed class ModerationDesk(SprigDb db, TimeProvider clock)
{
    public const int MaxWord = 50;
    public const int MaxNote = 300;

    /// <summary>The filter's verdict on texts, with the banned words as they are now (a small table, read each time so every node agrees).</summary>
    public async Task<SpamHit?> CheckAsync(IEnumerable<string?> texts, CancellationToken ct = default)
    {
        var banned = await db.BannedWords.AsNoTracking().Select(w => w.Word).ToListAsync(ct);
        var hit = SpamFilter.Check(texts, banned);
        return hit is null ? null : hit with { Reason = hit.Reason.Length <= MaxNote ? hit.Reason : hit.Reason[..(MaxNote - 1)] + "…" };
    }

    public async Task<List<BannedWord>> BannedWordsAsync(CancellationToken ct = default) =>
        await db.BannedWords.AsNoTracking().OrderBy(w => w.Word).ToListAsync(ct);

    /// <summary>Adds a word (stored folded: lower case, half-width); true when it is new, false when it was already banned.</summary>
    public async Task<(BannedWord Word, bool Added)> BanAsync(string? word, Guid operatorId, CancellationToken ct = default)
    {
        var folded = FoldWord(word);
        if (await db.BannedWords.AsNoTracking().FirstOrDefaultAsync(w => w.Word == folded, ct) is { } existing) return (existing, false);
        var banned = new BannedWord { Word = folded, AddedBy = operatorId, AddedAt = clock.GetUtcNow() };
        db.BannedWords.Add(banned);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // another operator banned it at the same moment; any other failure is not ours to explain away
            db.ChangeTracker.Clear();
            var first = await db.BannedWords.AsNoTracking().FirstOrDefaultAsync(w => w.Word == folded, ct);
            if (first is null) throw;
            return (first, false);
        }
        return (banned, true);
    }

    public async Task UnbanAsync(string? word, CancellationToken ct = default)
    {
        var folded = FoldWord(word);
        if (await db.BannedWords.Where(w => w.Word == folded).ExecuteDeleteAsync(ct) == 0) throw SprigException.NotFound("Banned word");
    }

    private static string FoldWord(string? word)
    {
        new Validator().Text(word, "word", MaxWord).ThrowIfInvalid();
        var folded = SpamFilter.Fold(word!).Trim();
        new Validator().Require(folded.Length > 0, "word", "is required").ThrowIfInvalid();
        return folded;
    }

    /// <summary>Publishes held (or earlier rejected) content: it enters distribution now.</summary>
    public async Task<ContentItem> ApproveContentAsync(Guid contentId, string? note, CancellationToken ct = default)
    {
        CheckNote(note, required: false);
        var content = await TrackedAsync(contentId, ct);
        if (content.Status is not (ContentStatus.HeldForReview or ContentStatus.Rejected))
            throw SprigException.InvalidState($"The content is {Wire(content.Status)}; only held or rejected content can be approved.");
        var now = clock.GetUtcNow();
        content.Status = ContentStatus.Published;
        content.PublishedAt ??= now;
        content.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await FeedEntry.ContentPublishedAsync(db, content, now, ct);
        await db.SaveChangesAsync(ct);
        return content;
    }

    /// <summary>Keeps held content out, or takes published content down; the note tells the author why. A live session ends.</summary>
    public async Task<ContentItem> RejectContentAsync(Guid contentId, string? note, CancellationToken ct = default)
    {
        CheckNote(note, required: true);
        var content = await TrackedAsync(contentId, ct);
        if (content.Status is not (ContentStatus.HeldForReview or ContentStatus.Published))
            throw SprigException.InvalidState($"The content is {Wire(content.Status)}; only held or published content can be rejected.");
        content.Status = ContentStatus.Rejected;
        content.ReviewNote = note!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await LiveDesk.StopAsync(db, content, clock.GetUtcNow(), ct);
        await FeedEntry.WithdrawnAsync(db, content.Id, ct);
        await tx.CommitAsync(ct);
        await db.Entry(content).ReloadAsync(ct);
        return content;
    }

    /// <summary>Shows a held (or rejected) comment; the content's comment count grows.</summary>
    public async Task<Comment> ApproveCommentAsync(Guid commentId, string? note, CancellationToken ct = default)
    {
        CheckNote(note, required: false);
        var comment = await CommentAsync(commentId, ct);
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Comments
            .Where(c => c.Id == commentId && (c.Status == CommentStatus.HeldForReview || c.Status == CommentStatus.Rejected))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Visible).SetProperty(c => c.ReviewNote, trimmed), ct);
        if (moved == 0) throw SprigException.InvalidState($"The comment is {Wire(comment.Status)}; only held or rejected comments can be approved.");
        await CommentDesk.CountAsync(db, comment.ContentId, +1, ct);
        await tx.CommitAsync(ct);
        return await CommentAsync(commentId, ct);
    }

    /// <summary>Hides a held or visible comment, with the reason; a visible one leaves the count.</summary>
    public async Task<Comment> RejectCommentAsync(Guid commentId, string? note, CancellationToken ct = default)
    {
        CheckNote(note, required: true);
        var comment = await CommentAsync(commentId, ct);
        var reason = note!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var wasVisible = await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Visible)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Rejected).SetProperty(c => c.ReviewNote, reason), ct);
        if (wasVisible == 1)
        {
            await CommentDesk.CountAsync(db, comment.ContentId, -1, ct);
        }
        else if (await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.HeldForReview)
                     .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Rejected).SetProperty(c => c.ReviewNote, reason), ct) == 0)
        {
            throw SprigException.InvalidState($"The comment is {Wire(comment.Status)}; only held or visible comments can be rejected.");
        }
        await tx.CommitAsync(ct);
        return await CommentAsync(commentId, ct);
    }

    private async Task<ContentItem> TrackedAsync(Guid contentId, CancellationToken ct) =>
        await db.ContentItems.Include(c => c.Cards).FirstOrDefaultAsync(c => c.Id == contentId, ct) ?? throw SprigException.NotFound("Content");

    private async Task<Comment> CommentAsync(Guid commentId, CancellationToken ct) =>
        await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, ct) ?? throw SprigException.NotFound("Comment");

    private static void CheckNote(string? note, bool required) =>
        new Validator().Text(note, "note", MaxNote, required).ThrowIfInvalid();

    private static string Wire<T>(T value) where T : struct, Enum => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];
}
