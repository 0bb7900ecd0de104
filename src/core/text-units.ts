import type { Provider } from './dataset-schema.js';

export const TEXT_FIELDS = ['subject', 'summary', 'details'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** One English text that translators translate: where it sits, and the text itself. */
export interface TextUnit {
  /** `<provider id>/<finding index>/<field>`, the gettext msgctxt. */
  context: string;
  english: string;
}

export function unitContext(providerId: string, finding: number, field: TextField): string {
  return `${providerId}/${finding}/${field}`;
}

/** Every translatable text of a provider, in file order. Names and URLs are not translated. */
export function providerUnits(provider: Provider): TextUnit[] {
  return provider.findings.flatMap((finding, index) =>
    TEXT_FIELDS.flatMap((field) => {
      const english = finding[field];
      return english === undefined
        ? []
        : [{ context: unitContext(provider.id, index, field), english }];
    }),
  );
}
