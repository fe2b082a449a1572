/**
 * A local endpoint speaking the Bedrock Runtime `InvokeModel` API (POST /model/{modelId}/invoke with an
 * Anthropic Messages body), so the workflow's real `@aws-sdk/client-bedrock-runtime` client runs unchanged
 * against it. It answers deterministic drafts (see fake-drafts.ts) and can be told to misbehave the way
 * the real service does: answer slowly, throttle, fail with 5xx, answer garbage or never answer.
 * It speaks HTTP/2 (cleartext), because that is what the Bedrock Runtime client's default handler sends.
 */
import {
  createServer,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Session,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { readRequest, type DraftRequest } from '../../services/workflow/model/prompts.js';
import { fakeDraftTitles } from './fake-drafts.js';

export interface LocalBedrockBehaviour {
  /** Milliseconds before each answer. @default 0 */
  readonly delayMs: number;
  /** The next N requests answer 429 ThrottlingException. @default 0 */
  readonly throttle: number;
  /** The next N requests answer 503 ServiceUnavailableException. @default 0 */
  readonly unavailable: number;
  /** The next N answers are prose instead of the JSON asked for. @default 0 */
  readonly malformed: number;
  /** The next N requests never get an answer. @default 0 */
  readonly hang: number;
}

/** One request the endpoint received. */
export interface LocalBedrockCall {
  readonly modelId: string;
  readonly request?: DraftRequest;
  readonly outcome: 'answered' | 'throttled' | 'unavailable' | 'malformed' | 'hung' | 'rejected';
  readonly at: number;
}

const idle: LocalBedrockBehaviour = { delayMs: 0, throttle: 0, unavailable: 0, malformed: 0, hang: 0 };

export class LocalBedrockServer {
  /** Every request received, in arrival order. */
  readonly calls: LocalBedrockCall[] = [];
  private behaviour: LocalBedrockBehaviour;
  private readonly sessions = new Set<ServerHttp2Session>();

  private constructor(
    private readonly server: Http2Server,
    /** Base URL, for the client's `endpoint` (BEDROCK_ENDPOINT). */
    readonly url: string,
    behaviour: LocalBedrockBehaviour,
  ) {
    this.behaviour = behaviour;
  }

  static async start(
    options: { port?: number; behaviour?: Partial<LocalBedrockBehaviour> } = {},
  ): Promise<LocalBedrockServer> {
    const ref: { instance?: LocalBedrockServer } = {};
    const server = createServer((req, res) => void ref.instance!.handle(req, res));
    server.on('session', (session) => {
      ref.instance?.sessions.add(session);
      session.on('close', () => ref.instance?.sessions.delete(session));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    ref.instance = new LocalBedrockServer(server, `http://127.0.0.1:${port}`, {
      ...idle,
      ...options.behaviour,
    });
    return ref.instance;
  }

  /** Changes how the next requests are answered (counters count down per request). */
  configure(behaviour: Partial<LocalBedrockBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...behaviour };
  }

  /** Back to prompt, well-formed answers and an empty call log. */
  reset(): void {
    this.behaviour = { ...idle };
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Takes one from a countdown, returning whether it applied to this request. */
  private take(name: 'throttle' | 'unavailable' | 'malformed' | 'hang'): boolean {
    if (this.behaviour[name] <= 0) return false;
    this.behaviour = { ...this.behaviour, [name]: this.behaviour[name] - 1 };
    return true;
  }

  private async handle(req: Http2ServerRequest, res: Http2ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/model\/([^/]+)\/invoke$/.exec(req.url ?? '');
    const modelId = decodeURIComponent(match?.[1] ?? '');
    const record = (outcome: LocalBedrockCall['outcome'], request?: DraftRequest) =>
      this.calls.push({ modelId, request, outcome, at: Date.now() });

    if (req.method !== 'POST' || !match) {
      record('rejected');
      return error(res, 404, 'UnknownOperationException', `no such operation: ${req.method} ${req.url}`);
    }
    // The real service rejects unsigned calls; so do we, to prove the SDK client signed this one.
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      record('rejected');
      return error(res, 403, 'AccessDeniedException', 'request is not signed with SigV4');
    }
    let request: DraftRequest | undefined;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        anthropic_version?: string;
        messages?: { role: string; content: { type: string; text?: string }[] | string }[];
      };
      if (!body.anthropic_version || !Array.isArray(body.messages))
        throw new Error('not an Anthropic Messages body');
      const user = body.messages.find((m) => m.role === 'user');
      const text =
        typeof user?.content === 'string'
          ? user.content
          : (user?.content ?? []).map((c) => c.text ?? '').join('');
      request = readRequest(text);
      if (!request) throw new Error('no <request> in the prompt');
    } catch (cause) {
      record('rejected');
      return error(res, 400, 'ValidationException', `malformed request: ${(cause as Error).message}`);
    }

    if (this.take('hang')) {
      record('hung', request);
      return;
    }
    if (this.take('throttle')) {
      record('throttled', request);
      return error(res, 429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
    }
    if (this.take('unavailable')) {
      record('unavailable', request);
      return error(res, 503, 'ServiceUnavailableException', 'Service unavailable. Try your request again.');
    }
    const malformed = this.take('malformed');
    record(malformed ? 'malformed' : 'answered', request);
    if (this.behaviour.delayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
    const titles = fakeDraftTitles(request);
    const text = malformed
      ? `Here are some ideas you could try: ${titles.join(', ')}.`
      : JSON.stringify({ titles });
    send(res, 200, {
      id: `msg_local_${this.calls.length}`,
      type: 'message',
      role: 'assistant',
      model: modelId,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    });
  }
}

function send(
  res: Http2ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.stream.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-requestid': crypto.randomUUID(),
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function error(res: Http2ServerResponse, status: number, type: string, message: string): void {
  send(res, status, { message }, { 'x-amzn-errortype': type });
}
