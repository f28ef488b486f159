import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions as http,
  HTTPResponseAck,
  type App,
  type Logger as BoltLogger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Route } from '../../src/http/http-server.ts';

/**
 * Bolt's Receiver for Slack's HTTP delivery, served as one Route on the shared
 * PORT instead of a server of its own. Events and interactivity share the
 * path. Transport only: check the signature (Bolt's own verification: v0
 * HMAC-SHA256, timestamps older than 5 minutes refused), answer Slack's URL
 * check, and hand the body to the App with an ack that writes the HTTP
 * response. The App acks events before its listeners run; listeners ack
 * actions first, so Slack gets its answer within 3 seconds however long the
 * reply takes.
 */

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  path: string;
  logger: BoltLogger;
  /** largest body accepted; Slack's payloads are far smaller */
  bodyLimit?: number;
}

export class SlackHttpReceiver implements Receiver {
  readonly route: Route;
  private app: App | undefined;
  private receiving = false;
  /** deliveries handed to the App and not finished (its listeners await their replies) */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.route = { method: 'POST', path: options.path, handler: (request, response) => this.handle(request, response) };
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    this.receiving = true;
  }

  /**
   * After stop, requests get 503 and Slack delivers them again later (to
   * another replica, or after a restart); the deliveries already accepted are
   * finished first.
   */
  async stop(): Promise<void> {
    this.receiving = false;
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { logger } = this.options;
    if (!this.receiving || !this.app) {
      http.buildNoBodyResponse(response, 503);
      return;
    }
    let body: Record<string, unknown>;
    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest(
        { signingSecret: this.options.signingSecret, bodyLimit: this.options.bodyLimit ?? 1024 * 1024 },
        request,
      );
    } catch (error) {
      const tooLarge = http.isRawBodyError(error) && error.statusCode === 413;
      logger.warn(`Slack request refused: ${error instanceof Error ? error.message : String(error)}`);
      http.buildNoBodyResponse(response, tooLarge ? 413 : 401);
      return;
    }
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch {
      http.buildNoBodyResponse(response, 400);
      return;
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(response);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(response, body);
    if (!this.receiving) return http.buildNoBodyResponse(response, 503); // stopped while the body was read

    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: response,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: http.extractRetryNumFromHTTPRequest(request),
      retryReason: http.extractRetryReasonFromHTTPRequest(request),
    };
    // Not awaited: the response is written by ack(); the work goes on after it.
    const work = this.app.processEvent(event).catch((error: unknown) => {
      logger.error(`Slack event failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) http.buildNoBodyResponse(response, 500);
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
