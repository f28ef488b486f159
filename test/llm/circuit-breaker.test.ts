import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/conversation/llm/circuit-breaker.ts';

describe('the circuit breaker', () => {
  it('opens after consecutive failures, lets one trial through after the cooldown, and closes on success', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failures: 2, cooldownMs: 1000, now: () => now });
    breaker.failure();
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state()).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.success();
    expect(breaker.state()).toBe('closed');
  });

  it('re-opens when the trial call fails', () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failures: 1, cooldownMs: 1000, now: () => now });
    breaker.failure();
    now = 1000;
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state()).toBe('open');
    now = 1500;
    expect(breaker.allow()).toBe(false);
  });

  it('forgets failures once a call succeeds', () => {
    const breaker = createCircuitBreaker({ failures: 2 });
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state()).toBe('closed');
  });
});
