using Microsoft.EntityFrameworkCore;
using Sprig.Content;
using Sprig.Data;
using Sprig.Kernel;
using Sprig.Server.Auth;
using Sprig.Server.Http;

namespace Sprig.Server.Endpoints;

public sealed record BannedWordRequest(string? Word);
public sealed record BannedWordDto(string Word, Guid AddedBy, DateTimeOffset AddedAt)
{
    public static BannedWordDto From(BannedWord w) => new(w.Word, w.AddedBy, w.AddedAt);
}
public sealed record ReviewRequest(string? Note);

public static class ModerationEndpoints
{
    public static void MapModerationEndpoints(this RouteGroupBuilder api)
    {
        var ops = api.MapGroup("/ops").RequireAuthorization(AuthSetup.OperatorPolicy).WithTags("Moderation");

        ops.MapGet("/banned-words", async (ModerationDesk desk, CancellationToken ct) =>
            TypedResults.Ok((await desk.BannedWordsAsync(ct)).Select(BannedWordDto.From).ToList()));
        // 201 when the word is new, 200 when it was already banned
        ops.MapPost("/banned-words", async Task<IResult> (BannedWordRequest? req, HttpContext http, ModerationDesk desk, CancellationToken ct) =>
        {
            var (word, added) = await desk.BanAsync(req?.Word, http.User.Id(), ct);
            return added ? TypedResults.Created($"/api/ops/banned-words/{Uri.EscapeDataString(word.Word)}", BannedWordDto.From(word)) : TypedResults.Ok(BannedWordDto.From(word));
        });
        ops.MapDelete("/banned-words/{word}", async (string word, ModerationDesk desk, CancellationToken ct) =>
        {
            await desk.UnbanAsync(word, ct);
            return TypedResults.NoContent();
        });

        // the review queue, oldest first; ?status= also lists rejected or published content
        ops.MapGet("/moderation/content", async (string? status, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var wanted = StatusOf<ContentStatus>(status) ?? ContentStatus.HeldForReview;
            var page = await db.ContentItems.AsNoTracking().Include(c => c.Cards).Where(c => c.Status == wanted)
                .PageOldestFirstAsync(c => c.Id, limit, cursor, c => c, ct);
            return TypedResults.Ok(new Page<ContentDto>(await ContentViews.ManyAsync(db, page.Items, http.Viewer(), ct), page.NextCursor));
        });
        ops.MapPost("/moderation/content/{contentId:guid}/approve", async (Guid contentId, ReviewRequest? req, HttpContext http, ModerationDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await desk.ApproveContentAsync(contentId, req?.Note, ct), http.Viewer(), ct)));
        ops.MapPost("/moderation/content/{contentId:guid}/reject", async (Guid contentId, ReviewRequest? req, HttpContext http, ModerationDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok(await ContentViews.OneAsync(db, await desk.RejectContentAsync(contentId, req?.Note, ct), http.Viewer(), ct)));

        ops.MapGet("/moderation/comments", async (string? status, int? limit, string? cursor, HttpContext http, SprigDb db, CancellationToken ct) =>
        {
            var wanted = StatusOf<CommentStatus>(status) ?? CommentStatus.HeldForReview;
            var page = await db.Comments.AsNoTracking().Where(c => c.Status == wanted).PageOldestFirstAsync(c => c.Id, limit, cursor, c => c, ct);
            return TypedResults.Ok(new Page<CommentDto>(await CommentViews.ManyAsync(db, page.Items, http.Viewer(), ct), page.NextCursor));
        });
        ops.MapPost("/moderation/comments/{commentId:guid}/approve", async (Guid commentId, ReviewRequest? req, HttpContext http, ModerationDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok((await CommentViews.ManyAsync(db, [await desk.ApproveCommentAsync(commentId, req?.Note, ct)], http.Viewer(), ct))[0]));
        ops.MapPost("/moderation/comments/{commentId:guid}/reject", async (Guid commentId, ReviewRequest? req, HttpContext http, ModerationDesk desk, SprigDb db, CancellationToken ct) =>
            TypedResults.Ok((await CommentViews.ManyAsync(db, [await desk.RejectCommentAsync(commentId, req?.Note, ct)], http.Viewer(), ct))[0]));
    }

    private static T? StatusOf<T>(string? status) where T : struct, Enum
    {
        var parsed = Enums.Parse<T>(status);
        new Validator().Require(status is null || parsed is not null, "status", $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}").ThrowIfInvalid();
        return parsed;
    }
}
