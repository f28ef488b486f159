import { loadBundleRules } from '../../src/bundles/bundle-rules.ts';
import {
  createConversationEngine,
  type ConversationEngine,
  type Planner,
} from '../../src/conversation/conversation-engine.ts';
import type { ConversationState } from '../../src/conversation/conversation-state.ts';
import type { InboundMessage, OutboundMessage } from '../../src/conversation/messages.ts';
import { createCircuitBreaker, type CircuitBreaker } from '../../src/conversation/llm/circuit-breaker.ts';
import { createLlmPlanner, type LlmPlannerOptions, type TurnReport } from '../../src/conversation/llm/llm-planner.ts';
import { createOfflinePlanner } from '../../src/conversation/offline-planner.ts';
import { createCatalogSearch } from '../../src/search/search-catalog.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';
import { openSeedCatalog, type EvalCatalog } from '../helpers/seed-catalog.ts';

/**
 * One seeded catalog, the local OpenAI-compatible fake and both planners,
 * for the LLM planner's tests: real HTTP to the fake, real PGlite, the real
 * engine. Each test builds its LLM planner with the options it needs.
 */

export interface Harness {
  catalog: EvalCatalog;
  fake: FakeOpenAI;
  offline: Planner;
  /** an LLM planner against the fake; reports collects every turn's figures */
  llm(options?: Partial<LlmPlannerOptions> & { breaker?: CircuitBreaker }): Promise<LlmSetup>;
  close(): Promise<void>;
}

export interface LlmSetup {
  planner: Planner;
  engine: ConversationEngine;
  reports: TurnReport[];
}

export async function openHarness(): Promise<Harness> {
  const catalog = await openSeedCatalog();
  const fake = await startFakeOpenAI();
  const deps = {
    lexicon: catalog.lexicon,
    search: createCatalogSearch(catalog.db, catalog),
    bundleRules: await loadBundleRules(),
  };
  const offline = await createOfflinePlanner(deps);
  return {
    catalog,
    fake,
    offline,
    async llm(options = {}) {
      const reports: TurnReport[] = [];
      const { breaker, ...rest } = options;
      const planner = await createLlmPlanner({
        ...deps,
        offline,
        options: {
          apiKey: 'test-key',
          baseUrl: fake.baseUrl,
          model: 'fake-chat',
          visionModel: 'fake-vision',
          temperature: 0,
          timeoutMs: 5000,
          turnTokenBudget: 8000,
          ...rest,
        },
        breaker: breaker ?? createCircuitBreaker(),
        onTurn: (report) => reports.push(report),
      });
      return { planner, engine: createConversationEngine({ db: catalog.db, planner }), reports };
    },
    async close() {
      await fake.close();
      await catalog.close();
    },
  };
}

let delivery = 0;

/** A buyer talking to an engine: text, a pressed button, or a whole inbound (a photo). */
export function buyer(engine: ConversationEngine, user: string, channel = 'llm-test') {
  return (message: string | Partial<InboundMessage>): Promise<OutboundMessage[]> =>
    engine.handle({
      channel,
      chatId: user,
      userId: user,
      dedupeId: `llm-${process.pid}-${++delivery}`,
      ...(typeof message === 'string' ? { text: message } : message),
    });
}

export async function conversationOf(
  harness: Harness,
  user: string,
  channel = 'llm-test',
): Promise<{ state: ConversationState; language: string | null; handoff_status: string } | undefined> {
  const { rows } = await harness.catalog.db.query<{
    state: ConversationState;
    language: string | null;
    handoff_status: string;
  }>('select state, language, handoff_status from conversations where channel = $1 and user_id = $2', [channel, user]);
  return rows[0];
}

export const skusOf = (reply: OutboundMessage | undefined): string[] =>
  reply && 'items' in reply ? reply.items.map((item) => item.sku) : [];
