import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { LlmFailure } from './llm-failure.ts';

/**
 * One model call inside a turn's budget: the time left (every call and
 * retry of the turn share OPENAI_TIMEOUT_MS), the tokens left
 * (LLM_TURN_TOKEN_BUDGET over prompt and completion), a 429 retried once
 * when its retry-after fits in the time left, and the circuit breaker told
 * of every provider failure. LangChain's own retries are off (maxRetries 0):
 * they would not honour retry-after nor the turn's deadline.
 */

export interface TurnUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** 429s waited out */
  retries: number;
}

export interface TurnBudget {
  readonly deadline: number;
  tokensLeft: number;
  readonly usage: TurnUsage;
}

export function createTurnBudget(timeoutMs: number, tokens: number, now = Date.now()): TurnBudget {
  return {
    deadline: now + timeoutMs,
    tokensLeft: tokens,
    usage: { calls: 0, promptTokens: 0, completionTokens: 0, retries: 0 },
  };
}

/**
 * A conservative token estimate without a tokenizer: UTF-8 bytes / 3.5
 * (English runs about 4 bytes a token; CJK and Cyrillic fewer, so bytes
 * over-count them a little rather than under-count).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3.5);
}

/** An image costs a fixed amount whatever its bytes (about 765 tokens for a detailed 1024² tile set); counted as text that long. */
const IMAGE_TEXT = 'x'.repeat(765 * 4);

export function estimateMessages(messages: readonly BaseMessage[]): number {
  let total = 0;
  for (const message of messages) {
    const content =
      typeof message.content === 'string'
        ? message.content
        : message.content
            .map((part) => (part.type === 'image_url' ? IMAGE_TEXT : 'text' in part ? String(part.text) : ''))
            .join('');
    const toolCalls = (message as { tool_calls?: unknown[] }).tool_calls;
    const calls = toolCalls?.length ? JSON.stringify(toolCalls) : '';
    total += estimateTokens(content + calls) + 4;
  }
  return total;
}

export type ChatRunnable = Runnable<BaseLanguageModelInput, AIMessageChunk>;

export interface CallOptions {
  /** tokens the request carries besides the messages (tool definitions) */
  fixedTokens?: number;
  /** the most the completion may take (the model's max_tokens) */
  completionTokens: number;
}

export interface ModelClient {
  call(model: ChatRunnable, messages: BaseMessage[], budget: TurnBudget, options: CallOptions): Promise<AIMessageChunk>;
}

export function createModelClient(deps: {
  breaker: CircuitBreaker;
  sleep?: (ms: number) => Promise<void>;
}): ModelClient {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async call(model, messages, budget, options) {
      const estimate = estimateMessages(messages) + (options.fixedTokens ?? 0);
      if (estimate + options.completionTokens > budget.tokensLeft) {
        throw new LlmFailure(
          'LLM_TOKEN_BUDGET',
          `the call needs about ${estimate + options.completionTokens} tokens; ${budget.tokensLeft} are left this turn`,
        );
      }
      for (let attempt = 0; ; attempt++) {
        if (attempt === 0 && !deps.breaker.allow())
          throw new LlmFailure('LLM_CIRCUIT_OPEN', 'the provider failed repeatedly; resting');
        const left = budget.deadline - Date.now();
        if (left <= 0) throw new LlmFailure('LLM_TIMEOUT', 'no time left in this turn');
        try {
          const response = await model.invoke(messages, { signal: AbortSignal.timeout(left), timeout: left });
          deps.breaker.success();
          const prompt = response.usage_metadata?.input_tokens ?? estimate;
          const completion = response.usage_metadata?.output_tokens ?? estimateTokens(String(response.content));
          budget.usage.calls++;
          budget.usage.promptTokens += prompt;
          budget.usage.completionTokens += completion;
          budget.tokensLeft -= prompt + completion;
          return response;
        } catch (error) {
          const failure = classify(error, budget);
          const wait = failure.code === 'LLM_RATE_LIMITED' ? retryAfterMs(error) : undefined;
          if (wait !== undefined && attempt === 0 && Date.now() + wait < budget.deadline - 100) {
            budget.usage.retries++;
            await sleep(wait);
            continue;
          }
          // A provider that answered (even with a 4xx) is up, as far as the breaker is concerned.
          if (failure.provider) deps.breaker.failure();
          else deps.breaker.success();
          throw failure;
        }
      }
    },
  };
}

function classify(error: unknown, budget: TurnBudget): LlmFailure {
  if (error instanceof LlmFailure) return error;
  const e = error as { status?: number; name?: string; message?: string } | undefined;
  const message = e?.message ?? String(error);
  if (
    e?.name === 'AbortError' ||
    e?.name === 'TimeoutError' ||
    Date.now() >= budget.deadline ||
    /timed? ?out|abort/i.test(message)
  ) {
    return new LlmFailure('LLM_TIMEOUT', `the model did not answer in time: ${message}`, { cause: error });
  }
  if (e?.status === 429) return new LlmFailure('LLM_RATE_LIMITED', `rate limited: ${message}`, { cause: error });
  if (e?.status !== undefined && e.status < 500) {
    // A 4xx other than 429 is a request the provider will never accept; the circuit breaker cannot help.
    return new LlmFailure('LLM_REQUEST_REJECTED', `the provider rejected the request (${e.status}): ${message}`, {
      cause: error,
    });
  }
  return new LlmFailure('LLM_PROVIDER_ERROR', `the provider failed: ${message}`, { cause: error });
}

/** retry-after (seconds or an HTTP date) or retry-after-ms, from the provider's 429. */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: Headers | Record<string, string> } | undefined)?.headers;
  const get = (name: string): string | undefined =>
    headers instanceof Headers ? (headers.get(name) ?? undefined) : headers?.[name];
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && get('retry-after-ms') !== undefined) return ms;
  const value = get('retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
