using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sprig.Kernel;

namespace Sprig.Server.Http;

/// <summary>
/// Every error leaves as RFC 9457 problem details with a stable snake_case <c>code</c>.
/// Business rules throw <see cref="SprigException"/>; the framework's own 400/401/403/404 get a code by status.
/// </summary>
public sealed class Problems(IProblemDetailsService problems, ILogger<Problems> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, code, title, detail, errors) = exception switch
        {
            SprigException e => (e.Status, e.Code, TitleFor(e.Status), e.Message, e.Errors),
            BadHttpRequestException { InnerException: JsonException j } => (400, "malformed_json", "Bad request", BodyError(j), null),
            BadHttpRequestException b when b.StatusCode == 413 => (413, "payload_too_large", "Payload too large", b.Message, null),
            BadHttpRequestException b => (400, "bad_request", "Bad request", b.Message, null),
            DbUpdateConcurrencyException => (409, "concurrent_update", "Conflict", "The resource changed while this request ran; read it again and retry.", null),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "client_closed", "Client closed request", "", null),
            _ => (500, "internal_error", "Internal error", "Something went wrong on our side.", (IDictionary<string, string[]>?)null),
        };
        if (status >= 500) log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);

        http.Response.StatusCode = status;
        if (exception is SprigException { RetryAfter: { } after }) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString();
        var problem = errors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Gives the framework's bare status codes (401 from auth, 404 from routing) a code too.</summary>
    public static void Customize(ProblemDetailsOptions o) => o.CustomizeProblemDetails = ctx =>
    {
        if (!ctx.ProblemDetails.Extensions.ContainsKey("code"))
            ctx.ProblemDetails.Extensions["code"] = CodeFor(ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode);
        ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
    };

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        415 => "unsupported_media_type",
        429 => "too_many_requests",
        _ => status >= 500 ? "internal_error" : "error",
    };

    private static string TitleFor(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        503 => "Service unavailable",
        _ => "Error",
    };

    private static string BodyError(JsonException j) =>
        j.Path is { Length: > 1 } path ? $"The request body is not valid JSON for this route at {path}." : "The request body is not valid JSON.";
}
