using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Sprig.Kernel;

namespace Sprig.Server.Web.Shared;

/// <summary>
/// A page whose module says no while loading (an order that is not yours, a product gone) shows the shared
/// problem page with the module's code and message, instead of the API's problem+json.
/// </summary>
public sealed class ProblemPageFilter(ITempDataDictionaryFactory tempData, IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var done = await next();
        if (done.Exception is not SprigException e || done.ExceptionHandled) return;
        done.ExceptionHandled = true;
        var view = new ViewDataDictionary(metadata, context.ModelState) { [WebPage.ProblemKey] = e, ["Title"] = e.Code };
        done.HttpContext.Response.StatusCode = e.Status is 403 or 404 ? e.Status : 409;
        done.Result = new ViewResult { ViewName = "Problem", ViewData = view, TempData = tempData.GetTempData(context.HttpContext) };
    }
}
