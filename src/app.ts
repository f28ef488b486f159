import { webChatRoutes } from '../adapters/web/web-chat-routes.ts';
import { loadBundleRules } from './bundles/bundle-rules.ts';
import type { Runtime } from './cli/command.ts';
import {
  createConversationEngine,
  type ConversationEngine,
  type EngineLimits,
} from './conversation/conversation-engine.ts';
import { createOfflinePlanner } from './conversation/offline-planner.ts';
import type { Route } from './http/http-server.ts';
import { statusRoutes } from './http/status-routes.ts';

/**
 * The composition root: the one place that knows every part and every
 * adapter, and wires them for `showroom start`.
 */
export interface App {
  engine: ConversationEngine;
  routes: Route[];
}

export interface AppOptions {
  /** per-buyer limits; `showroom chat` (one local person) runs without a rate limit */
  limits?: Partial<EngineLimits>;
}

export async function createApp(runtime: Pick<Runtime, 'db' | 'search'>, options: AppOptions = {}): Promise<App> {
  const planner = await createOfflinePlanner({
    lexicon: runtime.search.lexicon,
    search: runtime.search.catalogSearch,
    bundleRules: await loadBundleRules(),
  });
  const engine = createConversationEngine({
    db: runtime.db,
    planner,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const maxMessageChars = options.limits?.maxMessageChars;
  return {
    engine,
    routes: [
      ...webChatRoutes({ engine, ...(maxMessageChars ? { maxMessageChars } : {}) }),
      ...statusRoutes(runtime.db),
    ],
  };
}
