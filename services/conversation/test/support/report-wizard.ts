import { textAnswer } from '../../src/wizard/answers.js';
import type { WizardDefinition, WizardFile } from '../../src/wizard/definition.js';

/**
 * A small form with a files step and given choices, for the wizard mechanism's own tests
 * (test-only): which order (buttons given at the start, or typed), the photos (1–3 photos or
 * documents, 1 MB each), a note.
 */
export function reportWizard(
  finish: WizardDefinition['finish'] = () => Promise.resolve([]),
): WizardDefinition {
  return {
    id: 'report',
    version: 1,
    steps: [
      {
        field: 'order',
        question: () => 'Which order?',
        label: () => 'Order',
        parse: textAnswer(() => 'Type the order number, e.g. A-1.', 20),
        givenChoices: true,
      },
      {
        field: 'photos',
        question: () => 'Send the photos, then tap Done.',
        label: () => 'Photos',
        files: { kinds: ['photo', 'document'], min: 1, max: 3, maxBytes: 1024 * 1024 },
      },
      {
        field: 'note',
        question: () => 'A note?',
        label: () => 'Note',
        parse: textAnswer(() => 'Please write the note in words.', 200),
      },
    ],
    finish,
  };
}

/** A file as bot-gateway describes one (a photo of 500 bytes unless changed), numbered `n`. */
export function sentFile(n: number, changes: Partial<WizardFile> = {}): WizardFile {
  return { kind: 'photo', fileId: `f${n}`, fileUniqueId: `u${n}`, fileSize: 500, ...changes };
}
