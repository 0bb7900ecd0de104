import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { boltLevelFor, createBoltLogger } from '../../src/slack/bolt-logger.js';
import { createTestContext } from '../helpers/context.js';

describe('Bolt logger bridge', () => {
  it.each([
    ['trace', LogLevel.DEBUG],
    ['debug', LogLevel.INFO],
    ['info', LogLevel.INFO],
    ['warn', LogLevel.WARN],
    ['error', LogLevel.ERROR],
    ['fatal', LogLevel.ERROR],
    ['silent', LogLevel.ERROR],
  ])('pino %s → Bolt %s', (pino, bolt) => {
    expect(boltLevelFor(pino)).toBe(bolt);
  });

  it('writes through pino at Bolt’s level, with errors as err', () => {
    const { ctx, logs } = createTestContext();
    const logger = createBoltLogger(ctx.logger, LogLevel.INFO);
    logger.debug('hidden');
    logger.info('hello', { a: 1 });
    logger.error('Slack API error:', new Error('boom'));
    logger.setLevel(LogLevel.ERROR);
    logger.warn('hidden too');
    expect(logger.getLevel()).toBe(LogLevel.ERROR);
    expect(logs.map((l) => l['msg'])).toEqual(['hello { a: 1 }', 'Slack API error:']);
    expect(logs[0]).toMatchObject({ component: 'slack', level: 30 });
    expect(logs[1]).toMatchObject({ level: 50, err: { message: 'boom' } });
  });
});
