namespace Sprig.Kernel;

/// <summary>UUID v7: sortable by creation time and safe to mint on any node.</summary>
public static class Ids
{
    public static Guid New() => Guid.CreateVersion7();
}
