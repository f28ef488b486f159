import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ToolInputParsingException, type StructuredToolInterface } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import type { HandoffOffersOptions } from '../../handoff/handoff-offers.ts';
import type { Logger } from '../../logger.ts';
import { understand } from '../../search/understand.ts';
import { createCatalogReplies, type CatalogRepliesDeps } from '../catalog-replies.ts';
import type { Planner, ReplyDraft, Turn } from '../conversation-engine.ts';
import { detectIntents } from '../detect-intent.ts';
import { createSalesOffers, isMiss, offerSignals } from '../sales-offers.ts';
import { createSpeaker } from '../speech.ts';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.ts';
import { memoryOf, recall, setMemory, summaryRequest, type Recall } from './conversation-memory.ts';
import { addFacts, checkGrounding, emptyFacts, type Violation } from './grounding-guard.ts';
import { writeHandoffNote } from './handoff-note.ts';
import { LlmFailure, type LlmFailureCode } from './llm-failure.ts';
import {
  createModelClient,
  createTurnBudget,
  estimateMessages,
  estimateTokens,
  type TurnBudget,
} from './model-client.ts';
import { describePhoto, type FetchPhoto } from './photo-search.ts';
import { fillPrompt, loadPrompts, type Prompts } from './prompts.ts';
import { modelToolDefinitions } from './tool-definitions.ts';
import { createTools, TOOL_NAMES, type TurnContext } from './tools.ts';
import { translateDrafts } from './translate-replies.ts';

/**
 * The LLM planner: a LangChain tool-calling agent over the same moves the
 * offline planner makes. Per turn: the stored facts, recent messages and the
 * buyer's text go to the model with the tools; tool runs happen inside the
 * turn's transaction and their cards are what the buyer sees; the model's
 * words become the message text once the grounding guard accepts them.
 * Any failure (provider, malformed or unknown tool call, refusal, empty
 * answer, budget) restores the turn and lets the offline planner answer it.
 *
 * A hand-rolled loop over `bindTools` rather than `createAgent`: the agent
 * graph feeds tool errors back to the model for another round, where this
 * product wants the offline answer at once, and every call must share one
 * deadline and one token budget.
 */

export interface LlmPlannerOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
  /** for buyers' photos; the chat model when unset */
  visionModel: string;
  temperature: number;
  /** the model's share of one turn, all calls and retries included */
  timeoutMs: number;
  /** prompt + completion tokens over all calls of one turn */
  turnTokenBudget: number;
}

export interface TurnReport {
  /** llm: the model's reply; offline_rendering: the guard replaced it; fallback: the offline planner answered */
  outcome: 'llm' | 'offline_rendering' | 'fallback' | 'rules';
  reason?: LlmFailureCode | 'unexpected';
  calls: number;
  promptTokens: number;
  completionTokens: number;
  retries: number;
  latencyMs: number;
  tools: string[];
  violations: Violation[];
  promptVersion: string;
}

export interface LlmPlannerDeps extends CatalogRepliesDeps {
  options: LlmPlannerOptions;
  /** when a sales rep is offered unasked (as the offline planner does) */
  handoffOffers?: Partial<HandoffOffersOptions>;
  /** answers every turn the model cannot */
  offline: Planner;
  prompts?: Prompts;
  log?: Logger;
  breaker?: CircuitBreaker;
  fetchPhoto?: FetchPhoto;
  /** every turn's figures (tests and the benchmark read them; the log has them too) */
  onTurn?: (report: TurnReport) => void;
}

const MAX_STEPS = 5;
/** older messages folded into the running summary at once: one summary call per few turns, not per turn */
const SUMMARY_BATCH = 10;
/**
 * Prompt tokens a turn should stay within (the product's goal at 10k products): the running
 * summary waits for room rather than break it, but not for long, as recall reads 60 messages.
 */
const TURN_PROMPT_GOAL = 3000;

export async function createLlmPlanner(deps: LlmPlannerDeps): Promise<Planner> {
  const prompts = deps.prompts ?? (await loadPrompts());
  const speaker = await createSpeaker();
  const replies = createCatalogReplies(deps);
  const offers = createSalesOffers({ replies, ...(deps.handoffOffers ? { options: deps.handoffOffers } : {}) });
  const breaker = deps.breaker ?? createCircuitBreaker();
  const client = createModelClient({ breaker });
  const { options } = deps;
  const completionTokens = Math.max(256, Math.min(800, Math.floor(options.turnTokenBudget / 8)));
  const historyTokens = Math.max(200, Math.min(1200, Math.floor(options.turnTokenBudget / 8)));
  const chatModel = (model: string) =>
    new ChatOpenAI({
      model,
      temperature: options.temperature,
      apiKey: options.apiKey,
      ...(options.baseUrl ? { configuration: { baseURL: options.baseUrl } } : {}),
      maxRetries: 0,
      timeout: options.timeoutMs,
      maxTokens: completionTokens,
      // Chat Completions' `refusal` field reaches us only through the raw response.
      __includeRawResponse: true,
    });
  const tools = createTools({ lexicon: deps.lexicon, replies, descriptions: prompts.tools });
  const toolsByName = new Map<string, StructuredToolInterface>(tools.map((t) => [t.name, t]));
  const definitions = modelToolDefinitions(tools);
  const toolTokens = estimateTokens(JSON.stringify(definitions));
  const chat = chatModel(options.model);
  const agent = chat.bindTools(definitions);
  const vision = options.visionModel === options.model ? chat : chatModel(options.visionModel);
  const secretWords = [...TOOL_NAMES.filter((name) => name.includes('_')), prompts.version];

  async function runAgent(turn: Turn, budget: TurnBudget, report: TurnReport, ctx: TurnContext): Promise<ReplyDraft[]> {
    let text = turn.text;
    if (turn.inbound.photo) {
      const seen = await describePhoto(
        { client, model: vision, budget, prompt: prompts.photo, fetchPhoto: deps.fetchPhoto },
        turn.inbound.photo,
      );
      if (!seen && !text) throw new LlmFailure('LLM_EMPTY_ANSWER', 'the photo shows nothing to search for');
      if (seen) text = `${text}\n[The buyer sent a photo. It shows: ${seen}. Search the catalog for it.]`.trim();
    }
    const memory = await recall(turn, { maxTokens: historyTokens });
    const messages: BaseMessage[] = [
      new SystemMessage(prompts.system),
      new SystemMessage(memory.facts),
      ...memory.history,
      new HumanMessage(text),
    ];
    let regenerated = false;
    for (let step = 0; step < MAX_STEPS; step++) {
      const response = await client.call(agent, messages, budget, { fixedTokens: toolTokens, completionTokens });
      if (response.invalid_tool_calls?.length) {
        throw new LlmFailure(
          'LLM_MALFORMED_TOOL_CALL',
          `unreadable tool call: ${response.invalid_tool_calls[0]!.error ?? ''}`,
        );
      }
      if (response.tool_calls?.length) {
        messages.push(new AIMessage({ content: response.content, tool_calls: response.tool_calls }));
        for (const call of response.tool_calls) {
          const tool = toolsByName.get(call.name);
          if (!tool)
            throw new LlmFailure('LLM_UNKNOWN_TOOL', `the model called ${JSON.stringify(call.name)}, not a tool`);
          report.tools.push(call.name);
          let output: unknown;
          try {
            output = await tool.invoke(call.args, { configurable: { turnContext: ctx } });
          } catch (error) {
            if (error instanceof ToolInputParsingException) {
              throw new LlmFailure('LLM_MALFORMED_TOOL_CALL', `${call.name}: ${error.message}`, { cause: error });
            }
            throw error;
          }
          messages.push(new ToolMessage({ content: String(output), tool_call_id: call.id ?? call.name }));
        }
        continue;
      }
      const reply = textOf(response);
      if (refused(response)) {
        throw new LlmFailure('LLM_REFUSAL', 'the model refused');
      }
      if (!reply) throw new LlmFailure('LLM_EMPTY_ANSWER', 'the model answered with nothing');
      const violations = guard(reply, turn, memory, ctx);
      if (!violations.length) return compose(reply, ctx);
      report.violations.push(...violations);
      if (!regenerated) {
        regenerated = true;
        const listed = violations.map((v) => `- ${v.kind}: "${v.text}"`).join('\n');
        messages.push(new AIMessage(reply), new HumanMessage(fillPrompt(prompts.regenerate, { violations: listed })));
        continue;
      }
      // Twice ungrounded: the buyer gets the offline rendering of the same tool results, never the model's words.
      if (!ctx.runs.length)
        throw new LlmFailure('LLM_UNGROUNDED', 'ungrounded twice, with no tool result to show instead');
      report.outcome = 'offline_rendering';
      const drafts = ctx.runs.flatMap((run) => run.drafts);
      return speaker.languages.has(turn.language ?? 'en')
        ? drafts
        : translateDrafts({ client, model: chat, budget, prompt: prompts.translate }, drafts, turn.language!);
    }
    throw new LlmFailure('LLM_TOO_MANY_STEPS', `no reply within ${MAX_STEPS} model calls`);
  }

  function guard(reply: string, turn: Turn, memory: Recall, ctx: TurnContext): Violation[] {
    const facts = emptyFacts();
    memory.grounding(facts);
    for (const run of ctx.runs) addFacts(facts, run.result);
    return checkGrounding({ reply, facts, buyerText: turn.text, instructions: prompts.system, secretWords });
  }

  /** The model's words on the card its last tool showed; cards and buttons always come from the tool results. */
  function compose(text: string, ctx: TurnContext): ReplyDraft[] {
    const runs = [...ctx.runs].reverse();
    const display = runs.flatMap((run) => run.drafts).find((draft) => draft.kind !== 'text');
    if (display) return [{ ...display, text }];
    const buttons = runs[0]?.drafts.find((draft) => draft.buttons?.length)?.buttons;
    return [{ kind: 'text', text, ...(buttons ? { buttons } : {}) }];
  }

  /**
   * The offline planner's unasked offer of a sales rep, on the model's answer: the signals are read
   * from the buyer's words, and a turn whose every tool found nothing (or nothing to act on) is a miss.
   */
  async function offerSales(turn: Turn, drafts: ReplyDraft[], ctx: TurnContext): Promise<ReplyDraft[]> {
    const sp = speaker.speechFor(turn.language);
    const signals = offerSignals(
      turn.text,
      understand(deps.lexicon, turn.text),
      detectIntents(deps.lexicon, turn.text),
    );
    const missed = ctx.runs.length > 0 && ctx.runs.every((run) => isMiss(sp, run.drafts));
    return offers.add(turn, sp, drafts, signals, missed);
  }

  /**
   * Folds messages that left the window into the running summary; best effort, never fails the turn.
   * The call must fit in what is left of the turn's prompt goal: the oldest messages that fit are
   * folded (half a batch at least) and the rest wait for a lighter turn, never beyond twice the batch.
   */
  async function refreshSummary(turn: Turn, budget: TurnBudget): Promise<void> {
    const memory = memoryOf(turn.state);
    const { unsummarized } = await recall(turn, { maxTokens: historyTokens });
    if (unsummarized.length < SUMMARY_BATCH) return;
    const room = TURN_PROMPT_GOAL - budget.usage.promptTokens;
    const overdue = unsummarized.length >= 2 * SUMMARY_BATCH;
    let older = unsummarized;
    const request = () => summaryRequest(prompts.summary, memory.summary, older);
    while (!overdue && older.length > SUMMARY_BATCH / 2 && estimateMessages(request()) > room) {
      older = older.slice(0, -1);
    }
    if (!overdue && estimateMessages(request()) > room) return;
    try {
      const response = await client.call(chat, request(), budget, { completionTokens });
      const summary = textOf(response).slice(0, 1000);
      if (summary) setMemory(turn.state, { summary, through: older.at(-1)!.id });
    } catch (error) {
      deps.log?.debug({ err: error }, 'running summary skipped');
    }
  }

  return {
    name: 'llm',
    notice: (notice, language) => deps.offline.notice(notice, language),
    async plan(turn) {
      const started = performance.now();
      const budget = createTurnBudget(options.timeoutMs, options.turnTokenBudget);
      const report: TurnReport = {
        outcome: 'llm',
        calls: 0,
        promptTokens: 0,
        completionTokens: 0,
        retries: 0,
        latencyMs: 0,
        tools: [],
        violations: [],
        promptVersion: prompts.version,
      };
      const handoffBefore = turn.handoffStatus;
      const snapshot = { state: structuredClone(turn.state), language: turn.language, handoff: turn.handoffStatus };
      let drafts: ReplyDraft[];
      if (byRules(turn)) {
        report.outcome = 'rules';
        drafts = await deps.offline.plan(turn);
      } else {
        if (!turn.state.languageChosen || !turn.language) {
          const read = understand(deps.lexicon, turn.text);
          if (!turn.language || read.language_confidence >= 0.5) turn.language = read.language;
        }
        await turn.tx.query('savepoint llm_turn');
        const ctx: TurnContext = {
          turn,
          speech: () => speaker.speechFor(turn.language),
          languages: speaker.languages,
          runs: [],
        };
        try {
          drafts = await runAgent(turn, budget, report, ctx);
          drafts = await offerSales(turn, drafts, ctx);
          await refreshSummary(turn, budget);
          await turn.tx.query('release savepoint llm_turn');
        } catch (error) {
          await turn.tx.query('rollback to savepoint llm_turn');
          Object.assign(turn, { state: snapshot.state, language: snapshot.language, handoffStatus: snapshot.handoff });
          report.outcome = 'fallback';
          report.reason = error instanceof LlmFailure ? error.code : 'unexpected';
          if (!(error instanceof LlmFailure)) deps.log?.error({ err: error }, 'LLM planner failed unexpectedly');
          drafts = await deps.offline.plan(turn);
        }
      }
      if (handoffBefore !== 'open' && turn.handoffStatus === 'open') {
        await writeHandoffNote(
          { client, model: chat, budget, prompt: prompts.handoffSummary, useModel: report.outcome !== 'fallback' },
          turn,
        );
      }
      Object.assign(report, budget.usage, { latencyMs: Math.round(performance.now() - started) });
      deps.log?.info(
        {
          planner: 'llm',
          prompts: report.promptVersion,
          outcome: report.outcome,
          reason: report.reason,
          calls: report.calls,
          prompt_tokens: report.promptTokens,
          completion_tokens: report.completionTokens,
          latency_ms: report.latencyMs,
          tools: report.tools,
          violations: report.violations.length,
        },
        'turn planned',
      );
      deps.onTurn?.(report);
      return speaker.isRtl(turn.language ?? '') ? drafts.map((d) => ({ ...d, direction: 'rtl' as const })) : drafts;
    },
  };

  /**
   * Buttons and "delete my data" are exact commands, and a quote request being
   * collected is a fixed form: the rules answer them without a model call.
   */
  function byRules(turn: Turn): boolean {
    if (turn.action) return true;
    if (turn.handoffStatus === 'open' && turn.state.quote) return true;
    return detectIntents(deps.lexicon, turn.text).intents.has('delete_data');
  }
}

function refused(message: AIMessageChunk): boolean {
  const raw = message.additional_kwargs?.__raw_response as
    { choices?: Array<{ message?: { refusal?: string } }> } | undefined;
  return Boolean(
    message.additional_kwargs?.refusal ||
    raw?.choices?.[0]?.message?.refusal ||
    message.response_metadata?.finish_reason === 'content_filter',
  );
}

function textOf(message: AIMessageChunk | AIMessage): string {
  if (typeof message.content === 'string') return message.content.trim();
  return message.content
    .map((part) => (typeof part === 'string' ? part : part.type === 'text' ? String(part.text) : ''))
    .join('')
    .trim();
}
