namespace Sprig.Kernel;

/// <summary>
/// A business rule said no. Carries the stable machine-readable code of API.md;
/// the host turns it into an RFC 9457 problem with that code.
/// </summary>
public class SprigException(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IDictionary<string, string[]>? Errors { get; } = errors;
    /// <summary>When the caller may try again (sent as Retry-After), for a refusal that is about load, not the request.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static SprigException NotFound(string what) => new(404, "not_found", $"{what} was not found.");
    public static SprigException Forbidden(string detail = "You may not do this.") => new(403, "forbidden", detail);
    public static SprigException InvalidState(string detail) => new(409, "invalid_state", detail);
    public static SprigException Validation(IDictionary<string, string[]> errors) =>
        new(400, "validation_failed", "One or more fields are invalid.", errors);
    public static SprigException Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
