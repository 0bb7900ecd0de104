import type { RESTOptions, ResponseLike } from 'discord.js';

/**
 * Over HTTP, an interaction's first answer (message, update, autocomplete choices, modal,
 * deferral) is the body of Discord's own request, not a REST call. discord.js builds that
 * answer and POSTs it to `/interactions/{id}/{token}/callback`; this sits where REST performs
 * the request (`makeRequest`) and hands the exact JSON to the waiting HTTP response instead.
 * Every other request (follow-ups, edits, pins) goes to Discord, or DISCORD_API_URL, as usual.
 */

type MakeRequest = RESTOptions['makeRequest'];
type RequestInit = Parameters<MakeRequest>[1];

/** An answer's JSON: text from discord.js, UTF-8 bytes from the `/vllm` path. */
export type AnswerBody = string | Buffer;

/** Writes the answer as the HTTP response; resolves once it is handed to the socket. */
export type SendAnswer = (body: AnswerBody) => Promise<void>;

interface Waiting {
  token: string;
  send: SendAnswer;
}

const CALLBACK_PATH = /\/interactions\/(\d+)\/([^/]+)\/callback$/;

export class InteractionCallbackUnsupportedError extends Error {
  constructor(what: string) {
    super(`${what} is not available over HTTP interactions`);
    this.name = 'InteractionCallbackUnsupportedError';
  }
}

export interface InitialResponses {
  /** For discord.js's REST options. */
  makeRequest: MakeRequest;
  /** The next callback for this interaction becomes its HTTP response, through `send`. */
  expect(interactionId: string, token: string, send: SendAnswer): void;
  /**
   * Gives the answer directly, as a callback taken from discord.js would be (the `/vllm` path
   * that skips discord.js, raw-interactions.ts); false when it is no longer awaited.
   */
  answer(interactionId: string, body: AnswerBody): Promise<boolean>;
  /** True while the interaction's answer is still awaited. */
  awaits(interactionId: string): boolean;
  /** Stops waiting; true if no answer had been given yet. */
  forget(interactionId: string): boolean;
}

function noContent(): ResponseLike {
  return new Response(null, { status: 204, statusText: 'No Content' });
}

export function createInitialResponses(network: MakeRequest): InitialResponses {
  const waiting = new Map<string, Waiting>();

  function claim(url: string, init: RequestInit): Waiting | undefined {
    if (init.method !== 'POST') return undefined;
    const parsed = new URL(url);
    const match = CALLBACK_PATH.exec(parsed.pathname);
    if (!match) return undefined;
    const entry = waiting.get(match[1]!);
    // A wrong token is not ours to answer: let Discord refuse it as it would.
    if (!entry || entry.token !== decodeURIComponent(match[2]!)) return undefined;
    // The HTTP response has no room for Discord's callback description or for attachments.
    if (parsed.searchParams.get('with_response') === 'true') {
      throw new InteractionCallbackUnsupportedError('withResponse');
    }
    if (typeof init.body !== 'string') {
      throw new InteractionCallbackUnsupportedError('An answer with files');
    }
    waiting.delete(match[1]!);
    return entry;
  }

  return {
    async makeRequest(url, init) {
      const entry = claim(url, init);
      if (!entry) return network(url, init);
      await entry.send(init.body as string);
      return noContent();
    },
    async answer(interactionId, body) {
      const entry = waiting.get(interactionId);
      if (!entry) return false;
      waiting.delete(interactionId);
      await entry.send(body);
      return true;
    },
    expect(interactionId, token, send) {
      waiting.set(interactionId, { token, send });
    },
    awaits(interactionId) {
      return waiting.has(interactionId);
    },
    forget(interactionId) {
      return waiting.delete(interactionId);
    },
  };
}
