import { lazy } from "react";

/** What "MRR at risk" means, word for word the API's definition (worker/analytics/mrr-at-risk.ts). */
export const MRR_AT_RISK_HELP =
  "MRR of every client organization — or user without one — with a conversation that raised churn risk or frustrated user in the range, each counted once. Click for who and why.";

/** The breakdown drawer, downloaded when first opened (wrap it in OnDemand). */
export const MrrAtRiskDrawer = lazy(() => import("./MrrAtRiskBreakdown").then((m) => ({ default: m.MrrAtRiskDrawer })));
