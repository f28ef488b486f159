import { ShowroomError } from '../../errors.ts';

/**
 * Why an LLM turn was given up. The planner never shows it to the buyer: the
 * offline planner answers that turn instead, and the code is logged.
 * `provider` failures (timeouts, rate limits, 5xx, connection errors) count
 * towards the circuit breaker; the model's own mistakes do not.
 */
export type LlmFailureCode =
  | 'LLM_TIMEOUT'
  | 'LLM_RATE_LIMITED'
  | 'LLM_PROVIDER_ERROR'
  /** a 4xx other than 429: a request the provider will never accept (bad key, unknown model) */
  | 'LLM_REQUEST_REJECTED'
  | 'LLM_CIRCUIT_OPEN'
  | 'LLM_TOKEN_BUDGET'
  | 'LLM_MALFORMED_TOOL_CALL'
  | 'LLM_UNKNOWN_TOOL'
  | 'LLM_TOO_MANY_STEPS'
  | 'LLM_REFUSAL'
  | 'LLM_EMPTY_ANSWER'
  | 'LLM_UNGROUNDED';

const PROVIDER_CODES = new Set<LlmFailureCode>(['LLM_TIMEOUT', 'LLM_RATE_LIMITED', 'LLM_PROVIDER_ERROR']);

export class LlmFailure extends ShowroomError {
  override name = 'LlmFailure';
  declare readonly code: LlmFailureCode;

  constructor(code: LlmFailureCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }

  /** The provider failed (not the model's answer): counts towards opening the circuit breaker. */
  get provider(): boolean {
    return PROVIDER_CODES.has(this.code);
  }
}
