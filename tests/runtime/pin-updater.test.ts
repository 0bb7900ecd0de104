import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPinUpdater,
  type PinEditor,
  type PinUpdater,
  type Seen,
} from '../../src/runtime/pin-updater.js';
import { openStore, type Pin, type Store } from '../../src/store/index.js';
import { realKnowledge } from '../helpers/context.js';
import { tempDir } from '../helpers/dataset-fixture.js';

/**
 * The updater's protocol paths that the end-to-end tests do not reach, on a real SQLite store,
 * with a scripted platform editor: what each message shows is a hash in `shown`.
 */

const NEW = 'hash-new';
const OLD = 'hash-old';

function scriptedEditor(shown: Map<string, string>, failures = { edits: 0 }) {
  const edits: string[] = [];
  const looks: string[] = [];
  const editor: PinEditor = {
    hashOf: () => NEW,
    look: (pin: Pin): Promise<Seen> => {
      looks.push(pin.messageId);
      const hash = shown.get(pin.messageId);
      return Promise.resolve(
        hash ? { kind: 'shown', hash, message: {} } : { kind: 'gone', reason: 'deleted' },
      );
    },
    edit: (target) => {
      if (failures.edits > 0) {
        failures.edits -= 1;
        return Promise.reject(new Error('503 from the platform'));
      }
      edits.push(target.pin.messageId);
      shown.set(target.pin.messageId, NEW);
      return Promise.resolve('edited' as const);
    },
  };
  return { editor, edits, looks };
}

const opened: { store: Store; updater?: PinUpdater }[] = [];
afterEach(async () => {
  for (const { store, updater } of opened.splice(0)) {
    await updater?.stop();
    await store.close();
  }
});

async function setUp(editor: PinEditor, retryMs = 60_000) {
  const store = await openStore({ databaseUrl: `sqlite:${join(tempDir(), 'bot.db')}` });
  const updater = createPinUpdater({
    store,
    knowledge: realKnowledge,
    editors: { discord: editor },
    logger: pino({ level: 'silent' }),
    owner: 'this-process',
    leaseMs: 60_000,
    gapMs: 1,
    retryMs,
  });
  opened.push({ store, updater });
  return { store, updater };
}

const pin = (messageId: string, providerId = 'deepseek') => ({
  platform: 'discord' as const,
  workspaceId: '1',
  channelId: '2',
  messageId,
  providerId,
  locale: 'de',
  contentHash: OLD,
});

describe('the pin updater', () => {
  it('skips a pin another process is editing, and one whose provider left the dataset', async () => {
    const shown = new Map([
      ['busy', OLD],
      ['gone-provider', OLD],
    ]);
    const { editor, looks } = scriptedEditor(shown);
    const { store, updater } = await setUp(editor);
    const busy = await store.recordPin(pin('busy'));
    await store.recordPin(pin('gone-provider', 'no-such-provider'));
    expect(await store.claimPinUpdate(busy.id, OLD, NEW, 'other-process', 60_000)).toBe(true);

    const summary = await updater.run('test');
    expect(summary).toMatchObject({ checked: 2, busy: 1, edited: 0, failed: 0 });
    expect(looks).toEqual([]);
  });

  it('gives a failed edit back and tries again later', async () => {
    const shown = new Map([['flaky', OLD]]);
    const failures = { edits: 1 };
    const { editor, edits } = scriptedEditor(shown, failures);
    const { store, updater } = await setUp(editor, 50);
    await store.recordPin(pin('flaky'));

    expect(await updater.run('test')).toMatchObject({ failed: 1, edited: 0 });
    const [released] = await store.listPins();
    expect(released).toMatchObject({ contentHash: OLD, pendingUpdate: null });
    // The retry 50 ms later edits it.
    await expect.poll(() => edits, { timeout: 3_000 }).toEqual(['flaky']);
    await expect.poll(async () => (await store.listPins())[0]?.contentHash).toBe(NEW);
  });

  it('puts back a message an interrupted update changed, when the dataset has since undone it', async () => {
    // The row says OLD; a dead process claimed OLD → OTHER, edited, and died. The dataset now
    // renders OLD again, so the message must go back, and the row keeps OLD.
    const shown = new Map([['undone', 'hash-other']]);
    const { editor, edits } = scriptedEditor(shown);
    editor.hashOf = () => OLD;
    editor.edit = (target) => {
      edits.push(target.pin.messageId);
      shown.set(target.pin.messageId, OLD);
      return Promise.resolve('edited' as const);
    };
    const { store, updater } = await setUp(editor);
    const row = await store.recordPin(pin('undone'));
    expect(await store.claimPinUpdate(row.id, OLD, 'hash-other', 'dead-process', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(await updater.run('test')).toMatchObject({ edited: 1 });
    expect(edits).toEqual(['undone']);
    expect(await store.listPins()).toMatchObject([{ contentHash: OLD, pendingUpdate: null }]);
  });
});
