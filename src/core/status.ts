import { z } from 'zod';

/**
 * The status vocabulary. Few on purpose: each says no more than its sources support.
 * Ordered from the most to the least direct tie between a provider and vLLM.
 */
export const STATUSES = [
  'production',
  'fork',
  'past',
  'offers',
  'recommends',
  'contributor',
  'no-evidence',
  'other-stack',
] as const;

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export interface StatusStyle {
  emoji: string;
  /** 0xRRGGBB, used for Discord embed colours and terminal output. */
  color: number;
}

export const STATUS_STYLE: Record<Status, StatusStyle> = {
  production: { emoji: '🟢', color: 0x2ecc71 },
  fork: { emoji: '🍴', color: 0x27ae60 },
  past: { emoji: '🕰️', color: 0xf1c40f },
  offers: { emoji: '☁️', color: 0x3498db },
  recommends: { emoji: '📦', color: 0x5dade2 },
  contributor: { emoji: '🤝', color: 0x9b59b6 },
  'no-evidence': { emoji: '❔', color: 0x95a5a6 },
  'other-stack': { emoji: '🔴', color: 0xe74c3c },
};

/** Statuses that claim vLLM runs or ran in a service: they need a primary source to stand bare. */
export const STRONG_STATUSES: ReadonlySet<Status> = new Set([
  'production',
  'fork',
  'past',
  'offers',
]);
