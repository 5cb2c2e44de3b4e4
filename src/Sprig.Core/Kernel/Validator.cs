namespace Sprig.Kernel;

/// <summary>Collects field errors for one request and throws them together as <c>validation_failed</c>.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validator Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
        }
        return this;
    }

    public Validator Text(string? value, string field, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Require(!required, field, "is required");
        return Require(value.Length <= max, field, $"must be at most {max} characters")
            .Require(Printable(value), field, "must not contain control characters or broken UTF-16");
    }

    /// <summary>
    /// No control characters but tab and line breaks, and no half of a surrogate pair: PostgreSQL refuses a text with
    /// a NUL (a 500 after the request was checked), and neither has a place in a title, an address or a comment.
    /// </summary>
    public static bool Printable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\x7f') return false;
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i]))) return false;
            if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    public bool Ok => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!Ok) throw SprigException.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
