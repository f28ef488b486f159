/**
 * Stops calling a failing provider for a while: after `failures` provider
 * failures in a row the circuit opens and every turn goes straight to the
 * offline planner; after `cooldownMs` one trial call is let through
 * (half-open) and its outcome closes or re-opens the circuit.
 *
 * Process memory on purpose: each replica learns on its own that the
 * provider is down, and nothing correct depends on it.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** consecutive provider failures that open the circuit */
  failures?: number;
  cooldownMs?: number;
  now?: () => number;
}

export interface CircuitBreaker {
  /** whether a call may be made now; in half-open, only one trial at a time */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): CircuitState;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = options.failures ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let trialRunning = false;

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  };

  return {
    state,
    allow() {
      const current = state();
      if (current === 'closed') return true;
      if (current === 'open' || trialRunning) return false;
      trialRunning = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = undefined;
      trialRunning = false;
    },
    failure() {
      failures++;
      if (trialRunning || failures >= threshold) openedAt = now();
      trialRunning = false;
    },
  };
}
