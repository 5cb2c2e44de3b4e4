using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Sprig.Data;
using Sprig.Social;

namespace Sprig.Distribution;

public sealed class SocialCacheOptions
{
    /// <summary>How many users' friends and recent likes and shares a node keeps; past it the node drops them all and refills.</summary>
    public int MaxUsers { get; set; } = 400_000;
}

/// <summary>
/// Each node's copy of the part of the social graph a feed reads for every buyer: a user's friends, and a user's likes
/// and shares of the signal window, newest first. A buyer's page needs those of every friend (about 40 friends and
/// 900 likes in the benchmark's world): read from the tables, that was the largest part of a feed's time.
/// <para>
/// The copy is exact up to the social change feed: every like, unlike, share and friendship writes a
/// <see cref="SocialChange"/> naming its users, and before a feed reads the copy it reads the feed's rows after its
/// mark and forgets those users (a read that began after the caller arrived serves every caller waiting). So a like
/// committed on any node is in the next feed any node serves. A load that began before a user was forgotten is not
/// kept. A cache any node may drop: the tables are the truth.
/// </para>
/// </summary>
public sealed class SocialCache(IOptions<SocialCacheOptions> options)
{
    public const int MaxFriends = 500;
    public const int MaxSignals = 500;
    private const int FeedBatch = 1_000;
    /// <summary>A node that has not read the feed for this long starts over: rows it has not read may have been pruned meanwhile.</summary>
    private const long IdleMilliseconds = 10 * 60 * 1000;
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>One like or share: what, and when (UTC ticks).</summary>
    private readonly record struct Signal(Guid TargetId, long At);

    private sealed record Activity(Signal[] Likes, Signal[] Shares, long Since);

    /// <summary>A value, or a user forgotten (Value null); either stamped with the generation its load began in or it was forgotten at.</summary>
    private readonly record struct Entry<T>(long Generation, T? Value) where T : class;

    private readonly int _maxUsers = options.Value.MaxUsers;
    private readonly ConcurrentDictionary<Guid, Entry<Guid[]>> _friends = new();
    private readonly ConcurrentDictionary<Guid, Entry<Activity>> _activity = new();
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private FeedMark? _mark;
    private long _generation;
    private long _clearedAt;
    private long _readBegan;
    private long _synced;
    private long _pruned = Environment.TickCount64;

    /// <summary>Applies the social changes committed before this call: afterwards nothing this node holds is older than them.</summary>
    public async Task SyncAsync(SprigDb db, CancellationToken ct)
    {
        var arrived = Stopwatch.GetTimestamp();
        await _syncing.WaitAsync(ct);
        try
        {
            if (_readBegan > arrived) return;
            var began = Stopwatch.GetTimestamp();
            if (_mark is not { } mark || Environment.TickCount64 - _synced > IdleMilliseconds)
            {
                // the mark first: whatever changes after it is replayed, so no load begun after the clear misses a change
                _mark = await ChangeFeed.EndAsync<SocialChange>(db, ct);
                Clear();
            }
            else
            {
                for (var more = true; more;)
                {
                    var rows = await ChangeFeed.ReadIdsAsync<SocialChange>(db, mark, FeedBatch, nameof(SocialChange.UserId), ct);
                    if (rows.Count == 0) break;
                    var generation = Interlocked.Increment(ref _generation);
                    if (rows.Any(r => r.Id == SocialChange.Everyone)) Clear();
                    foreach (var (_, user) in rows)
                    {
                        _friends[user] = new(generation, null);
                        _activity[user] = new(generation, null);
                    }
                    mark = rows[^1].Mark;
                    _mark = mark;
                    more = rows.Count == FeedBatch;
                }
            }
            _readBegan = began;
            _synced = Environment.TickCount64;
            if (_synced - _pruned > IdleMilliseconds)
            {
                _pruned = _synced;
                await ChangeFeed.PruneAsync<SocialChange>(db, DateTimeOffset.UtcNow - Retention, ct);
            }
        }
        finally
        {
            _syncing.Release();
        }
    }

    /// <summary>Up to <see cref="MaxFriends"/> of the user's friends.</summary>
    public async Task<Guid[]> FriendsAsync(SprigDb db, Guid userId, CancellationToken ct)
    {
        if (_friends.TryGetValue(userId, out var hit) && hit.Value is { } known) return known;
        var generation = Volatile.Read(ref _generation);
        var friends = await PlainCommand.OnConnectionAsync(db, async () =>
        {
            await using var cmd = PlainCommand.Create(db);
            PlainCommand.Add(cmd, PlainCommand.Property<Friendship>(db, nameof(Friendship.UserId)), "user", userId);
            PlainCommand.Add(cmd, "max", MaxFriends);
            cmd.CommandText = """SELECT "FriendId" FROM "Friendships" WHERE "UserId" = @user LIMIT @max""";
            var ids = new List<Guid>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
            return ids.ToArray();
        }, ct);
        Keep(_friends, userId, friends, generation);
        return friends;
    }

    /// <summary>
    /// The items the users liked or shared since <paramref name="since"/> (the newest <see cref="MaxSignals"/> likes and
    /// the newest <see cref="MaxSignals"/> shares of them all), each with how many distinct users did.
    /// </summary>
    public async Task<Dictionary<Guid, int>> SignalsAsync(SprigDb db, Guid[] users, DateTimeOffset since, CancellationToken ct)
    {
        var from = since.UtcTicks;
        var found = new List<(Guid User, Activity Activity)>(users.Length);
        List<Guid>? missing = null;
        foreach (var u in users)
        {
            // an entry read from a later window lacks what this one wants (a clock set back): read again
            if (_activity.TryGetValue(u, out var hit) && hit.Value is { } a && a.Since <= from) found.Add((u, a));
            else (missing ??= []).Add(u);
        }
        if (missing is not null) found.AddRange(await LoadAsync(db, missing.ToArray(), since, ct));

        var liked = Newest(found, shares: false, from);
        var shared = Newest(found, shares: true, from);
        // a user counts once per item: a like is one per user and item, but a user may share an item again, or like and share it
        var byWhom = new HashSet<(Guid Target, int User)>(liked.Count + shared.Count);
        var signals = new Dictionary<Guid, int>(liked.Count + shared.Count);
        void Count(List<(Guid Target, int User)> pairs)
        {
            foreach (var pair in pairs)
                if (byWhom.Add(pair)) signals[pair.Target] = signals.GetValueOrDefault(pair.Target) + 1;
        }
        Count(liked);
        Count(shared);
        return signals;
    }

    /// <summary>
    /// The newest <see cref="MaxSignals"/> likes (or shares) of the users since <paramref name="from"/>, as (item, user's
    /// place in <paramref name="found"/>); equal times in the order the users came. Each user's are newest first, so the
    /// window is a prefix of each, and the cut needs a sort only when there are more than the cap (a sort of every signal
    /// through LINQ's ordering was a tenth of a warm feed's CPU).
    /// </summary>
    private static List<(Guid Target, int User)> Newest(List<(Guid User, Activity Activity)> found, bool shares, long from)
    {
        var all = new List<(long At, int Order, Guid Target, int User)>();
        for (var u = 0; u < found.Count; u++)
            foreach (var s in shares ? found[u].Activity.Shares : found[u].Activity.Likes)
            {
                if (s.At < from) break;
                all.Add((s.At, all.Count, s.TargetId, u));
            }
        if (all.Count > MaxSignals) all.Sort(static (x, y) => x.At != y.At ? y.At.CompareTo(x.At) : x.Order.CompareTo(y.Order));
        return all.Take(MaxSignals).Select(x => (x.Target, x.User)).ToList();
    }

    private async Task<List<(Guid, Activity)>> LoadAsync(SprigDb db, Guid[] users, DateTimeOffset since, CancellationToken ct)
    {
        var generation = Volatile.Read(ref _generation);
        // the likes and the shares in one command, each off its index by user and time (the item is in the index)
        var (likes, shares) = await PlainCommand.OnConnectionAsync(db, async () =>
        {
            await using var cmd = PlainCommand.Create(db);
            var created = PlainCommand.Property<Like>(db, nameof(Like.CreatedAt));
            PlainCommand.Add(cmd, created, "since", since);
            var of = PlainCommand.In(cmd, "\"UserId\"", users, "users");
            cmd.CommandText = $"""
                SELECT "UserId", "TargetId", "CreatedAt" FROM "Likes" WHERE {of} AND "CreatedAt" >= @since;
                SELECT "UserId", "TargetId", "CreatedAt" FROM "Shares" WHERE {of} AND "CreatedAt" >= @since;
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            async Task<ILookup<Guid, Signal>> ReadSetAsync()
            {
                var rows = new List<(Guid User, Signal Signal)>();
                while (await r.ReadAsync(ct)) rows.Add((r.GetGuid(0), new Signal(r.GetGuid(1), PlainCommand.Value<DateTimeOffset>(r, 2, created).UtcTicks)));
                return rows.ToLookup(x => x.User, x => x.Signal);
            }
            var liked = await ReadSetAsync();
            await r.NextResultAsync(ct);
            return (liked, await ReadSetAsync());
        }, ct);
        var loaded = new List<(Guid, Activity)>(users.Length);
        foreach (var u in users)
        {
            var activity = new Activity(NewestFirst(likes[u]), NewestFirst(shares[u]), since.UtcTicks);
            Keep(_activity, u, activity, generation);
            loaded.Add((u, activity));
        }
        return loaded;
    }

    private static Signal[] NewestFirst(IEnumerable<Signal> signals) => signals.OrderByDescending(s => s.At).Take(MaxSignals).ToArray();

    /// <summary>Keeps what a load read, unless the user was forgotten (or read again) after the load began, or everything was dropped.</summary>
    private void Keep<T>(ConcurrentDictionary<Guid, Entry<T>> entries, Guid userId, T value, long generation) where T : class
    {
        if (generation < Volatile.Read(ref _clearedAt)) return;
        entries.AddOrUpdate(userId, new Entry<T>(generation, value), (_, old) => old.Generation > generation ? old : new Entry<T>(generation, value));
        if (entries.Count > _maxUsers) Clear();
    }

    private void Clear()
    {
        Volatile.Write(ref _clearedAt, Interlocked.Increment(ref _generation));
        _friends.Clear();
        _activity.Clear();
    }
}
