import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/runtime/config.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig: where reports go', () => {
  it('has no destination by default (no Report button anywhere)', () => {
    expect(loadConfig({}).reports).toEqual({
      discordChannelId: undefined,
      slackChannelId: undefined,
      issueUrl: undefined,
    });
  });

  it('reads REPORT_CHANNEL_ID, SLACK_REPORT_CHANNEL and REPORT_ISSUE_URL', () => {
    const config = loadConfig({
      REPORT_CHANNEL_ID: ' 123456789012345678 ',
      SLACK_REPORT_CHANNEL: 'C0123ABCD',
      REPORT_ISSUE_URL: 'https://github.com/o/r/issues/new?template=wrong-answer.yml',
    });
    expect(config.reports).toEqual({
      discordChannelId: '123456789012345678',
      slackChannelId: 'C0123ABCD',
      issueUrl: 'https://github.com/o/r/issues/new?template=wrong-answer.yml',
    });
  });

  it('explains each malformed value, naming its variable', () => {
    const problems = problemsOf({
      REPORT_CHANNEL_ID: '#reports',
      SLACK_REPORT_CHANNEL: '#bot-reports',
      REPORT_ISSUE_URL: 'http://github.com/o/r/issues/new',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^REPORT_CHANNEL_ID: must be a numeric Discord channel id/),
      expect.stringMatching(/^SLACK_REPORT_CHANNEL: must be a Slack channel id .*not its name/),
      'REPORT_ISSUE_URL: must be an https:// URL',
    ]);
    expect(problemsOf({ REPORT_ISSUE_URL: `https://x.example/${'a'.repeat(400)}` })).toEqual([
      expect.stringMatching(/^REPORT_ISSUE_URL: must be at most 400 characters/),
    ]);
  });
});
