import { describe, expect, it } from 'vitest';
import { manualClock, useBackends } from './backends.js';

const backends = useBackends();

const PIN = {
  platform: 'discord',
  workspaceId: '111111111111111111',
  channelId: '222222222222222222',
  messageId: '333333333333333333',
  providerId: 'deepseek',
  locale: 'de',
  contentHash: 'hash-a',
} as const;

describe.each(backends)('pins on $name', (backend) => {
  it('records, lists, re-pins in place and forgets', async () => {
    const store = await backend.open();
    const pin = await store.recordPin(PIN);
    expect(pin).toMatchObject({ ...PIN, pendingUpdate: null });
    await store.recordPin({ ...PIN, messageId: '444', platform: 'slack', workspaceId: null });

    const again = await store.recordPin({ ...PIN, locale: 'ja', contentHash: 'hash-j' });
    expect(again.id).toBe(pin.id);
    expect(again.pinnedAt).toEqual(pin.pinnedAt);
    expect(again).toMatchObject({ locale: 'ja', contentHash: 'hash-j' });

    expect((await store.listPins()).map((p) => p.messageId)).toEqual([PIN.messageId, '444']);
    expect(await store.listPins({ platform: 'slack' })).toHaveLength(1);
    expect(await store.listPins({ providerId: 'nobody' })).toEqual([]);

    expect(
      await store.forgetPin({ platform: 'slack', channelId: PIN.channelId, messageId: '444' }),
    ).toBe(true);
    expect(await store.forgetPin(pin.id)).toBe(true);
    expect(await store.forgetPin(pin.id)).toBe(false);
    expect(await store.listPins()).toEqual([]);
  });

  it('keeps the finding a pinned answer leads with (0 unless given)', async () => {
    // Pins list by the time they were pinned: two in the same millisecond would list either way.
    const clock = manualClock();
    const store = await backend.open({ clock: clock.now });
    expect((await store.recordPin(PIN)).lead).toBe(0);
    clock.advance(1000);
    const led = await store.recordPin({ ...PIN, messageId: '555', lead: 2 });
    expect(led.lead).toBe(2);
    expect((await store.listPins()).map((p) => p.lead)).toEqual([0, 2]);
    await expect(store.recordPin({ ...PIN, messageId: '666', lead: -1 })).rejects.toThrow();
  });

  it('rejects a malformed pin', async () => {
    const store = await backend.open();
    await expect(store.recordPin({ ...PIN, channelId: '' })).rejects.toThrow();
    await expect(
      store.recordPin({ ...PIN, platform: 'irc' as unknown as 'slack' }),
    ).rejects.toThrow();
    expect(await store.listPins()).toEqual([]);
  });

  it('lets exactly one of two replicas claim an update, then completes it', async () => {
    const url = await backend.freshUrl();
    const [a, b] = await Promise.all([backend.open({ url }), backend.open({ url })]);
    const pin = await a.recordPin(PIN);

    const wins = await Promise.all([
      a.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'replica-a', 30_000),
      b.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'replica-b', 30_000),
      a.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'replica-a2', 30_000),
      b.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'replica-b2', 30_000),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = ['replica-a', 'replica-b', 'replica-a2', 'replica-b2'][wins.indexOf(true)]!;

    const claimed = await b.getPin(pin.id);
    expect(claimed?.pendingUpdate).toMatchObject({ toHash: 'hash-b', owner: winner });
    // A live claim is not "pending" (its owner is still working on it).
    expect(await a.pendingPinUpdates()).toEqual([]);

    expect(await a.completePinUpdate(pin.id, 'hash-b', 'someone-else')).toBe(false);
    expect(await b.completePinUpdate(pin.id, 'hash-b', winner)).toBe(true);
    const done = await a.getPin(pin.id);
    expect(done).toMatchObject({ contentHash: 'hash-b', pendingUpdate: null });

    // The same change again finds nothing to do: the hash moved on.
    expect(await a.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'late', 30_000)).toBe(false);
    expect(await a.claimPinUpdate(pin.id, 'hash-b', 'hash-b', 'noop', 30_000)).toBe(false);
  });

  it("resumes a crashed claim once its lease expires, and the dead owner can't complete it", async () => {
    const clock = manualClock();
    const url = await backend.freshUrl();
    const a = await backend.open({ url, clock: clock.now });
    const b = await backend.open({ url, clock: clock.now });
    const pin = await a.recordPin(PIN);

    expect(await a.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'crashed', 10_000)).toBe(true);
    clock.advance(9_999);
    expect(await b.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'restarted', 10_000)).toBe(false);
    expect(await b.pendingPinUpdates()).toEqual([]);

    clock.advance(1);
    const pending = await b.pendingPinUpdates();
    expect(pending.map((p) => [p.id, p.pendingUpdate?.toHash, p.pendingUpdate?.owner])).toEqual([
      [pin.id, 'hash-b', 'crashed'],
    ]);
    expect(await b.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'restarted', 10_000)).toBe(true);
    expect(await a.completePinUpdate(pin.id, 'hash-b', 'crashed')).toBe(false);
    expect(await b.completePinUpdate(pin.id, 'hash-b', 'restarted')).toBe(true);
    expect((await a.getPin(pin.id))?.contentHash).toBe('hash-b');
  });

  it('releases a claim without changing the hash', async () => {
    const store = await backend.open();
    const pin = await store.recordPin(PIN);
    expect(await store.claimPinUpdate(pin.id, 'hash-a', 'hash-b', 'me', 60_000)).toBe(true);
    expect(await store.releasePinUpdate(pin.id, 'other')).toBe(false);
    expect(await store.releasePinUpdate(pin.id, 'me')).toBe(true);
    expect(await store.getPin(pin.id)).toMatchObject({
      contentHash: 'hash-a',
      pendingUpdate: null,
    });
    expect(await store.claimPinUpdate(pin.id, 'hash-a', 'hash-c', 'next', 60_000)).toBe(true);
  });
});
