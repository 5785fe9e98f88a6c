// The dashboard is a placeholder page until the dashboard issue builds the real app with Vite;
// the Worker serves whatever lands in dashboard/dist.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("dashboard/dist", { recursive: true });
cpSync("dashboard/public", "dashboard/dist", { recursive: true });
