using System.Collections.Concurrent;

namespace Sprig.Data;

/// <summary>
/// Flushes a SQLite database file to disk from outside SQLite, through a descriptor opened once per file and kept for
/// the life of the process. Never closed, because closing any descriptor of a file drops every POSIX lock this process
/// holds on it, SQLite's own included. Only an optimisation: SQLite still syncs what it must, this only leaves it less
/// to sync at a moment when writers wait (a file replaced at the same path is flushed in vain, never unsafely).
/// </summary>
public static class SqliteFileSync
{
    private static readonly ConcurrentDictionary<string, FileStream> Files = new();

    /// <summary>Flushes the file's written pages to disk; false when the file cannot be opened for it (tried again next time) or the sync fails.</summary>
    public static bool Flush(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Files.TryGetValue(full, out var file))
        {
            try
            {
                // write access, never used to write: the runtime flushes only a stream it could write to
                file = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            var kept = Files.GetOrAdd(full, file);
            // another caller opened it first: this one is dropped unclosed, for the reason above (the finalizer closes it, so keep it alive)
            if (!ReferenceEquals(kept, file)) Spare.Add(file);
            file = kept;
        }
        try
        {
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException)
        {
            return false; // SQLite's own sync meets the same disk and reports it
        }
    }

    private static readonly ConcurrentBag<FileStream> Spare = [];
}
