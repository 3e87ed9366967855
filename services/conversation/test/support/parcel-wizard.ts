import { numberAnswer, textAnswer } from '../../src/wizard/answers.js';
import type { WizardDefinition } from '../../src/wizard/definition.js';

/**
 * A small form for the wizard mechanism's own tests (test-only; the integration test mounts it
 * in a flow of its own): a typed and validated number, a choice, an optional text. Its texts are
 * functions, as a test's may be.
 */
export function parcelWizard(
  finish: WizardDefinition['finish'] = () => Promise.resolve([]),
  version = 1,
): WizardDefinition {
  return {
    id: 'parcel',
    version,
    steps: [
      {
        field: 'weight',
        question: (lang) => (lang === 'ru' ? 'Вес посылки в кг?' : 'Weight of the parcel in kg?'),
        label: (lang) => (lang === 'ru' ? 'Вес' : 'Weight'),
        parse: numberAnswer(
          (lang) => (lang === 'ru' ? 'Вес в кг, например 12,5' : 'Weight in kg, e.g. 12.5'),
          {
            min: 0.1,
            max: 1_000,
          },
        ),
        show: (value) => `${value} kg`,
      },
      {
        field: 'size',
        question: () => 'Size?',
        label: () => 'Size',
        choices: [
          { value: 's', label: () => 'S' },
          { value: 'm', label: () => 'M' },
          { value: 'l', label: () => 'L' },
        ],
      },
      {
        field: 'note',
        question: () => 'A note for the courier?',
        label: () => 'Note',
        parse: textAnswer(() => 'Please write the note in words.', 200),
        optional: true,
      },
    ],
    finish,
  };
}
