/**
 * serve() and handleCommand() with Bolt's ack and respond replaced by recorders: where each
 * message goes (acknowledgement body or response_url), in what order, and what is recorded.
 */
import type { RespondArguments, RespondFn } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locales.js';
import type { UiKey } from '../../src/core/ui-strings.js';
import { handleCommand } from '../../src/slack/listeners/commands.js';
import type { SlackDeps } from '../../src/slack/listeners/deps.js';
import { serve, type ServeArgs } from '../../src/slack/listeners/serve.js';
import { renderAnswer, renderNotice } from '../../src/slack/render.js';
import { createUserLocales } from '../../src/slack/user-locale.js';
import { createTestContext, realKnowledge, type TestContext } from '../helpers/context.js';
import { slackLimitViolations } from './check-limits.js';

type Event =
  | { kind: 'ack'; message?: RespondArguments }
  | { kind: 'respond'; message: RespondArguments }
  | { kind: 'lookup'; user: string };

const knowledge = realKnowledge();
const noticeText = (locale: Locale, key: UiKey) =>
  renderNotice(translate(knowledge.catalog, locale, key)).text;

/** Slack's side of one request: every ack and respond, in order. */
function slackSide(events: Event[]) {
  const ack = (message?: RespondArguments) => {
    events.push(message === undefined ? { kind: 'ack' } : { kind: 'ack', message });
    return Promise.resolve();
  };
  const respond = ((message: string | RespondArguments) => {
    events.push({ kind: 'respond', message: message as RespondArguments });
    return Promise.resolve(new Response('ok'));
  }) as RespondFn;
  return { ack, respond };
}

function setup(
  options: { rateLimit?: { max: number; windowMs: number }; tags?: Record<string, string> } = {},
) {
  const events: Event[] = [];
  const tc: TestContext = createTestContext(
    options.rateLimit ? { rateLimit: options.rateLimit } : {},
  );
  /** Resolves the pending users.info calls; until then they hang (a slow Slack). */
  const pending: (() => void)[] = [];
  const lookup = (user: string) => {
    events.push({ kind: 'lookup', user });
    return new Promise<string | undefined>((resolve) =>
      pending.push(() => resolve(options.tags?.[user])),
    );
  };
  const locales = createUserLocales(lookup, { timeoutMs: 2_000 });
  /** Bolt's per-request client: users.info is what the locale lookup calls on it. */
  const client = {
    users: {
      info: async ({ user }: { user: string }) => ({ user: { locale: await lookup(user) } }),
    },
  };
  const deps: SlackDeps = { ctx: tc.ctx, locales };
  const records = () =>
    tc.logs.filter((l) => l['msg'] === 'answered' || l['msg'] === 'request failed');
  const release = () => pending.splice(0).forEach((resolve) => resolve());
  return { events, tc, deps, records, release, client, ...slackSide(events) };
}

function base(s: ReturnType<typeof setup>): Pick<ServeArgs, 'startedAt' | 'ack' | 'respond'> {
  return { startedAt: performance.now(), ack: s.ack, respond: s.respond };
}

const hello: RespondArguments = { response_type: 'ephemeral', text: 'hello' };
const again: RespondArguments = { response_type: 'ephemeral', text: 'again' };

describe('serve', () => {
  it('acknowledges first by default (buttons): every message then goes to the response_url', async () => {
    const s = setup();
    await serve(s.deps, {
      ...base(s),
      work: async (_state, reply) => {
        expect(s.events).toEqual([{ kind: 'ack' }]);
        await reply.send(hello);
        return { outcome: 'found' };
      },
    });
    expect(s.events).toEqual([{ kind: 'ack' }, { kind: 'respond', message: hello }]);
    expect(s.records()).toMatchObject([{ outcome: 'found' }]);
  });

  it('with-answer: the first message is the acknowledgement, later ones use the response_url', async () => {
    const s = setup();
    await serve(s.deps, {
      ...base(s),
      acknowledge: 'with-answer',
      work: async (_state, reply) => {
        expect(s.events).toEqual([]);
        await reply.send(hello);
        await reply.send(again);
        return { outcome: 'found' };
      },
    });
    expect(s.events).toEqual([
      { kind: 'ack', message: hello },
      { kind: 'respond', message: again },
    ]);
    expect(s.records()).toHaveLength(1);
  });

  it('with-answer: ackNow() acknowledges empty, once, and the answer goes to the response_url', async () => {
    const s = setup();
    await serve(s.deps, {
      ...base(s),
      acknowledge: 'with-answer',
      work: async (_state, reply) => {
        await reply.ackNow();
        await reply.ackNow();
        await reply.send(hello);
        return { outcome: 'found' };
      },
    });
    expect(s.events).toEqual([{ kind: 'ack' }, { kind: 'respond', message: hello }]);
    expect(s.records()).toHaveLength(1);
  });

  it('with-answer: acknowledges empty when the work sends nothing', async () => {
    const s = setup();
    await serve(s.deps, {
      ...base(s),
      acknowledge: 'with-answer',
      work: () => Promise.resolve({ outcome: 'found' as const }),
    });
    expect(s.events).toEqual([{ kind: 'ack' }]);
    expect(s.records()).toHaveLength(1);
  });

  it('puts the localised apology in the acknowledgement when the work fails before one', async () => {
    const s = setup();
    await serve(s.deps, {
      ...base(s),
      acknowledge: 'with-answer',
      work: (state) => {
        state.locale = 'de';
        return Promise.reject(new Error('boom'));
      },
    });
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({
      kind: 'ack',
      message: { response_type: 'ephemeral', text: noticeText('de', 'error.generic') },
    });
    expect(s.records()).toMatchObject([{ outcome: 'error', locale: 'de', msg: 'request failed' }]);
  });

  it('sends the apology to the response_url when the acknowledgement is already out', async () => {
    const s = setup();
    await serve(s.deps, {
      ...base(s),
      acknowledge: 'with-answer',
      work: async (state, reply) => {
        await reply.ackNow();
        state.locale = 'fr';
        throw new Error('boom');
      },
    });
    expect(s.events).toEqual([
      { kind: 'ack' },
      {
        kind: 'respond',
        message: expect.objectContaining({ text: noticeText('fr', 'error.generic') }) as unknown,
      },
    ]);
    expect(s.records()).toMatchObject([{ outcome: 'error' }]);
  });

  it('still acknowledges, with an apology, while shutting down', async () => {
    const s = setup();
    await s.tc.ctx.drain(10);
    let ran = false;
    await serve(s.deps, {
      ...base(s),
      acknowledge: 'with-answer',
      work: () => {
        ran = true;
        return Promise.resolve({ outcome: 'found' as const });
      },
    });
    expect(ran).toBe(false);
    expect(s.events).toMatchObject([
      { kind: 'ack', message: { text: noticeText('en-US', 'error.generic') } },
    ]);
    expect(s.records()).toMatchObject([{ outcome: 'error' }]);
  });

  it('records once even when the acknowledgement cannot be sent', async () => {
    const s = setup();
    const failingAck = () => Promise.reject(new Error('socket closed'));
    await serve(s.deps, {
      ...base(s),
      ack: failingAck,
      acknowledge: 'with-answer',
      work: async (_state, reply) => {
        await reply.send(hello);
        return { outcome: 'found' };
      },
    });
    expect(s.events).toMatchObject([{ kind: 'respond' }]);
    expect(s.records()).toMatchObject([{ outcome: 'error' }]);
  });
});

describe('handleCommand', () => {
  const TEAM = 'T1';

  function run(s: ReturnType<typeof setup>, text: string, user: string): Promise<void> {
    const args = {
      command: { text, team_id: TEAM, user_id: user, command: '/vllm' },
      ack: s.ack,
      respond: s.respond,
      client: s.client,
      context: { receivedAt: performance.now() },
    };
    return handleCommand(s.deps, args as unknown as Parameters<typeof handleCommand>[1]);
  }

  const answer = (query: string, locale: Locale) => ({
    response_type: 'ephemeral',
    unfurl_links: false,
    unfurl_media: false,
    ...renderAnswer(knowledge.ask(query, locale), knowledge.catalog, 'private'),
  });

  it('acknowledges an unknown user before asking Slack, then answers at the response_url', async () => {
    const s = setup({ tags: { U1: 'de-DE' } });
    const done = run(s, 'deepseek', 'U1');
    await expect.poll(() => s.events.length).toBe(2);
    // Acknowledged (empty) while users.info is still out.
    expect(s.events).toEqual([{ kind: 'ack' }, { kind: 'lookup', user: 'U1' }]);
    s.release();
    await done;
    expect(s.events[2]).toEqual({ kind: 'respond', message: answer('deepseek', 'de') });
    expect(s.events).toHaveLength(3);
    expect(s.records()).toMatchObject([{ outcome: 'found', locale: 'de' }]);
  });

  it('answers a user whose locale is cached in the acknowledgement, without asking Slack', async () => {
    const s = setup({ tags: { U1: 'ja-JP' } });
    const warm = s.deps.locales.get(TEAM, 'U1');
    await expect.poll(() => s.events).toEqual([{ kind: 'lookup', user: 'U1' }]);
    s.release();
    expect(await warm).toBe('ja');
    s.events.length = 0;
    await run(s, 'openai', 'U1');
    const expected = answer('openai', 'ja');
    expect(s.events).toEqual([{ kind: 'ack', message: expected }]);
    expect(slackLimitViolations(expected)).toEqual([]);
    expect(s.records()).toMatchObject([{ outcome: 'found', locale: 'ja' }]);
  });

  it('answers lang:xx in the acknowledgement, without asking Slack', async () => {
    const s = setup();
    await run(s, 'deepseek lang:fr', 'U2');
    expect(s.events).toEqual([{ kind: 'ack', message: answer('deepseek', 'fr') }]);
    expect(s.records()).toMatchObject([{ outcome: 'found', locale: 'fr' }]);
  });

  it('puts the rate-limit notice in the acknowledgement, without asking Slack', async () => {
    const s = setup({ rateLimit: { max: 1, windowMs: 60_000 } });
    await run(s, 'deepseek lang:de', 'U3');
    s.events.length = 0;
    await run(s, 'deepseek', 'U3');
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({ kind: 'ack', message: { response_type: 'ephemeral' } });
    expect(s.records().map((r) => r['outcome'])).toEqual(['found', 'rate-limited']);
  });
});
