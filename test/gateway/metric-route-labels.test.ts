// Every route the gateway and the guard serve gets its own label in the Prometheus metrics: a route missing from the
// metrics sink's known set would be counted as "other" (the Responses API and both token-count routes once were).
import { describe, expect, it } from "vitest";
import { routeLabel } from "../../shared/metrics/metrics-sink";
import { gateway } from "../../workers/gateway";
import { guard } from "../../workers/guard";

describe("metric route labels", () => {
  it("name every route the gateway and the guard serve", () => {
    const paths = [...new Set([...gateway.routes, ...guard.routes].map((route) => route.path))];
    expect(paths.length).toBeGreaterThanOrEqual(8);
    expect(paths.filter((path) => routeLabel(path) !== path)).toEqual([]);
  });
});
