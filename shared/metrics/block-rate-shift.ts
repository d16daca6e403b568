// Flags a sudden shift in a tenant's block rate: two time-decayed averages of "was this request blocked" — a short
// horizon (minutes) and a long one (hours). A shift is flagged when the short rate exceeds the long rate by a factor,
// is itself material, and rests on enough recent requests. Pure: time comes in with each observation.
//
// Decay is by elapsed time, not by request count, so a quiet tenant's old traffic fades at the same pace as a busy
// one's: weight(t) = 2^(-age / halfLife). Both horizons see the same requests; a new tenant starts with short == long,
// so a tenant needs a baseline before it can shift.

export interface BlockRateShiftOptions {
  shortHalfLifeSeconds?: number;
  longHalfLifeSeconds?: number;
  /** Flag when short > factor × long. */
  factor?: number;
  /** Minimum decayed request weight in the short horizon (≈ recent requests) before anything is flagged. */
  minSamples?: number;
  /** Minimum short-horizon block rate to flag (a shift from 0.1% to 0.5% is noise, not an incident). */
  minShortRate?: number;
  /** Tenants tracked at most; the least recently seen is forgotten first. */
  maxTenants?: number;
}

export interface BlockRateReading {
  tenant: string;
  /** Decayed block rate over the short horizon, 0..1. */
  short: number;
  /** Decayed block rate over the long horizon, 0..1. */
  long: number;
  /** Decayed request weight behind the short rate. */
  samples: number;
  shifted: boolean;
}

interface Horizon {
  blocked: number;
  total: number;
}

interface TenantState {
  at: number;
  short: Horizon;
  long: Horizon;
}

export interface BlockRateShiftDetector {
  observe(options: { tenant: string; blocked: boolean; at: number }): BlockRateReading;
}

export function createBlockRateShiftDetector(options: BlockRateShiftOptions = {}): BlockRateShiftDetector {
  const {
    shortHalfLifeSeconds = 300,
    longHalfLifeSeconds = 6 * 3600,
    factor = 3,
    minSamples = 20,
    minShortRate = 0.05,
    maxTenants = 10_000,
  } = options;
  if (!(shortHalfLifeSeconds > 0 && longHalfLifeSeconds > shortHalfLifeSeconds)) {
    throw new RangeError("need 0 < shortHalfLifeSeconds < longHalfLifeSeconds");
  }
  const tenants = new Map<string, TenantState>();

  function decay(horizon: Horizon, elapsedSeconds: number, halfLifeSeconds: number): void {
    const weight = Math.pow(2, -elapsedSeconds / halfLifeSeconds);
    horizon.blocked *= weight;
    horizon.total *= weight;
  }

  return {
    observe({ tenant, blocked, at }) {
      const state = tenants.get(tenant) ?? { at, short: { blocked: 0, total: 0 }, long: { blocked: 0, total: 0 } };
      // Records can arrive slightly out of order (streams finish late): never decay backwards.
      const elapsedSeconds = Math.max(0, at - state.at) / 1000;
      decay(state.short, elapsedSeconds, shortHalfLifeSeconds);
      decay(state.long, elapsedSeconds, longHalfLifeSeconds);
      state.at = Math.max(state.at, at);
      for (const horizon of [state.short, state.long]) {
        horizon.total += 1;
        if (blocked) horizon.blocked += 1;
      }
      tenants.delete(tenant); // re-insert: Map order becomes least-recently-seen first
      tenants.set(tenant, state);
      if (tenants.size > maxTenants) tenants.delete(tenants.keys().next().value!);

      const short = state.short.blocked / state.short.total;
      const long = state.long.blocked / state.long.total;
      const samples = state.short.total;
      const shifted = samples >= minSamples && short >= minShortRate && short > factor * long;
      return { tenant, short, long, samples, shifted };
    },
  };
}
