import { describe, expect, it } from 'vitest';
import type { RESTOptions, ResponseLike } from 'discord.js';
import { createInitialResponses } from '../../../src/discord/http/initial-response.js';

type MakeRequest = RESTOptions['makeRequest'];

/** Stands in for the network: records what would have gone to Discord. */
function network() {
  const sent: string[] = [];
  const makeRequest: MakeRequest = (url, init) => {
    sent.push(`${init.method} ${new URL(url).pathname}`);
    return Promise.resolve(new Response('{}', { status: 200 }) as unknown as ResponseLike);
  };
  return { sent, makeRequest };
}

const API = 'http://127.0.0.1:1/api/v10';
const callbackUrl = (id: string, token: string, query = '?with_response=false') =>
  `${API}/interactions/${id}/${token}/callback${query}`;

describe('the first answer of an HTTP interaction', () => {
  it('becomes the HTTP response once; later calls and other routes go to the network', async () => {
    const net = network();
    const responses = createInitialResponses(net.makeRequest);
    const answers: string[] = [];
    responses.expect('1', 'tok.en', (body) => Promise.resolve(void answers.push(String(body))));
    const body = JSON.stringify({ type: 4, data: { content: 'hi' } });
    const res = await responses.makeRequest(callbackUrl('1', 'tok.en'), { method: 'POST', body });
    expect(res.status).toBe(204);
    expect(answers).toEqual([body]);
    // Already answered: a second callback is Discord's to refuse, as it would be.
    await responses.makeRequest(callbackUrl('1', 'tok.en'), { method: 'POST', body });
    await responses.makeRequest(`${API}/webhooks/9/tok.en/messages/@original`, {
      method: 'PATCH',
      body,
    });
    expect(net.sent).toEqual([
      'POST /api/v10/interactions/1/tok.en/callback',
      'PATCH /api/v10/webhooks/9/tok.en/messages/@original',
    ]);
    expect(responses.forget('1')).toBe(false);
  });

  it('leaves other interactions, other tokens and forgotten interactions to the network', async () => {
    const net = network();
    const responses = createInitialResponses(net.makeRequest);
    const answers: string[] = [];
    responses.expect('1', 'right', (body) => Promise.resolve(void answers.push(String(body))));
    const init = { method: 'POST', body: '{"type":4}' };
    await responses.makeRequest(callbackUrl('2', 'right'), init);
    await responses.makeRequest(callbackUrl('1', 'wrong'), init);
    expect(responses.forget('1')).toBe(true);
    await responses.makeRequest(callbackUrl('1', 'right'), init);
    expect(answers).toEqual([]);
    expect(net.sent).toHaveLength(3);
  });

  it('refuses withResponse and files, which an HTTP response cannot carry', async () => {
    const net = network();
    const responses = createInitialResponses(net.makeRequest);
    const answers: string[] = [];
    responses.expect('1', 't', (body) => Promise.resolve(void answers.push(String(body))));
    await expect(
      responses.makeRequest(callbackUrl('1', 't', '?with_response=true'), {
        method: 'POST',
        body: '{"type":4}',
      }),
    ).rejects.toThrow(/withResponse is not available over HTTP interactions/);
    await expect(
      responses.makeRequest(callbackUrl('1', 't'), { method: 'POST', body: new FormData() }),
    ).rejects.toThrow(/files is not available/);
    // Still waiting: a plain answer afterwards (the error notice) is taken.
    await responses.makeRequest(callbackUrl('1', 't'), { method: 'POST', body: '{"type":4}' });
    expect(answers).toEqual(['{"type":4}']);
    expect(net.sent).toEqual([]);
  });

  it('answer() gives the body directly, once, while it is awaited', async () => {
    const net = network();
    const responses = createInitialResponses(net.makeRequest);
    const answers: string[] = [];
    responses.expect('1', 't', (body) => Promise.resolve(void answers.push(String(body))));
    responses.expect('2', 't', (body) => Promise.resolve(void answers.push(String(body))));
    expect(responses.awaits('1')).toBe(true);
    expect(await responses.answer('1', Buffer.from('{"type":4}'))).toBe(true);
    expect(responses.awaits('1')).toBe(false);
    // Answered already, or never expected: the caller must reach Discord another way.
    expect(await responses.answer('1', '{"type":4}')).toBe(false);
    expect(await responses.answer('3', '{"type":4}')).toBe(false);
    expect(responses.forget('2')).toBe(true);
    expect(await responses.answer('2', '{"type":4}')).toBe(false);
    // And a callback through discord.js after the direct answer goes to the network.
    await responses.makeRequest(callbackUrl('1', 't'), { method: 'POST', body: '{"type":4}' });
    expect(answers).toEqual(['{"type":4}']);
    expect(net.sent).toEqual(['POST /api/v10/interactions/1/t/callback']);
  });
});
