namespace Sprig.Content;

/// <summary>Who is looking: held or rejected content is shown only to its author and to operators.</summary>
public readonly record struct Viewer(Guid? UserId, bool IsOperator)
{
    public static readonly Viewer Anonymous = new(null, false);

    public bool Sees(ContentItem c) =>
        c.Status == ContentStatus.Published
        || IsOperator
        || (c.Status != ContentStatus.Removed && UserId == c.AuthorId);
}
