// GOV.UK Frontend's marker classes, set before the page is drawn (loaded at the top of <body>).
// A file, not an inline script, so the Content-Security-Policy allows scripts from 'self' only.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
