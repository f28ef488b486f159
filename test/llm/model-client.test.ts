import { HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/conversation/llm/circuit-breaker.ts';
import { LlmFailure } from '../../src/conversation/llm/llm-failure.ts';
import { createModelClient, createTurnBudget } from '../../src/conversation/llm/model-client.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';

/** One model call within a turn's time and token budget, against the fake over HTTP. */

let fake: FakeOpenAI;
let model: ChatOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  model = new ChatOpenAI({ model: 'fake', apiKey: 'k', configuration: { baseURL: fake.baseUrl }, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.chat.length = 0;
  fake.chatCalls.length = 0;
});

const ask = [new HumanMessage('hello')];
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as LlmFailure,
  );

describe('a model call', () => {
  it('counts the usage the provider reports against the turn budget', async () => {
    const budget = createTurnBudget(5000, 2000);
    fake.chat.push({ content: 'hi there' });
    const response = await createModelClient({ breaker: createCircuitBreaker() }).call(model, ask, budget, {
      completionTokens: 100,
    });
    expect(response.content).toBe('hi there');
    const call = fake.chatCalls[0]!;
    expect(budget.usage).toMatchObject({
      calls: 1,
      promptTokens: call.promptTokens,
      completionTokens: call.completionTokens,
    });
    expect(budget.tokensLeft).toBe(2000 - call.promptTokens - call.completionTokens);
  });

  it('is not made when it would not fit in the tokens left', async () => {
    const budget = createTurnBudget(5000, 100);
    const failure = await failureOf(
      createModelClient({ breaker: createCircuitBreaker() }).call(model, ask, budget, { completionTokens: 200 }),
    );
    expect(failure?.code).toBe('LLM_TOKEN_BUDGET');
    expect(fake.chatCalls.length).toBe(0);
  });

  it('reads retry-after as an HTTP date too', async () => {
    fake.chat.push({ status: 429, retryAfter: new Date(Date.now() + 1500).toUTCString() }, { content: 'ok' });
    const waits: number[] = [];
    const client = createModelClient({
      breaker: createCircuitBreaker(),
      sleep: async (ms) => void waits.push(ms),
    });
    await client.call(model, ask, createTurnBudget(10_000, 5000), { completionTokens: 50 });
    expect(waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(1500);
  });

  it('does not count a rejected request (4xx) towards the circuit breaker', async () => {
    const breaker = createCircuitBreaker({ failures: 1 });
    fake.chat.push({ status: 401 });
    const failure = await failureOf(
      createModelClient({ breaker }).call(model, ask, createTurnBudget(5000, 5000), { completionTokens: 50 }),
    );
    expect(failure?.code).toBe('LLM_REQUEST_REJECTED');
    expect(failure?.provider).toBe(false);
    expect(breaker.state()).toBe('closed');
  });
});
