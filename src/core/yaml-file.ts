import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

/** A parsed YAML file that can say where any value in it sits, for error messages. */
export interface YamlFile {
  value: unknown;
  /** Syntax errors, each as `line:column: message`. */
  errors: string[];
  /** `line:column` of the value at `path`, or of its nearest enclosing value that exists. */
  locate(path: readonly PropertyKey[]): string;
}

export function parseYamlFile(text: string): YamlFile {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `2026-12-06` stays a string, `no` stays a string.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col}`;
  };
  const errors = doc.errors.map((e) => `${where(e.pos[0])}: ${e.message.split('\n')[0]}`);

  function locate(path: readonly PropertyKey[]): string {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return where(node.range[0]);
    }
    return '1:1';
  }

  return { value: errors.length > 0 ? undefined : doc.toJS(), errors, locate };
}
