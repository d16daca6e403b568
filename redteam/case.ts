// The red-team case and outcome shapes shared by the suite builder, the runner and the report.
import type { Action, Category, Direction } from "../shared/screening/types";

/** One text to send. `category: null` is a benign case (it should pass); anything else is an attack to stop. */
export interface RedteamCase {
  id: string;
  text: string;
  category: Category | null;
  direction: Direction;
  /** How the case was made ("plain", "base64", "lang_fr", "indirect_email", …), for the per-technique table. */
  technique: string;
}

/**
 * For these categories the default policy redacts rather than blocks, so a case counts as caught when the gateway
 * did anything about it (redact or block). Every other attack category must be blocked.
 */
export const CAUGHT_WHEN_NOT_ALLOWED: readonly Category[] = ["pii", "secret"];

export function metricFor(category: Category): "caught" | "blocked" {
  return CAUGHT_WHEN_NOT_ALLOWED.includes(category) ? "caught" : "blocked";
}

/** What happened to one case. `status: "error"` cases are left out of the rates and fail the run. */
export type CaseOutcome =
  | { case: RedteamCase; status: "done"; action: Action; blocked: boolean; caught: boolean; findingCategories: Category[] }
  | { case: RedteamCase; status: "skipped"; reason: string }
  | { case: RedteamCase; status: "error"; reason: string };
