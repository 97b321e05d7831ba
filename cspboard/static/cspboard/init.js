// Starts GOV.UK Frontend's components (a module, loaded at the end of <body>).
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
