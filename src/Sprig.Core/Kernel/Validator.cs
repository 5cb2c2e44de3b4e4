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
        return Require(value.Length <= max, field, $"must be at most {max} characters");
    }

    public bool Ok => _errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!Ok) throw SprigException.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
