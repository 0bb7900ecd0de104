import type { StoreLogger } from '../../src/store/index.js';

export interface LogLine {
  level: string;
  obj: object;
  msg?: string;
}

/** A StoreLogger that keeps every line, to assert on what the store says. */
export function captureLogger(): StoreLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
