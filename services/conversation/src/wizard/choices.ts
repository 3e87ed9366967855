import type { WizardState } from '../session/session-store.js';
import type { GivenChoice, WizardChoice, WizardStep } from './definition.js';

/** A step's buttons in order: its declared choices, then those given when the wizard started. */
export function choicesAt(step: WizardStep, state: Pick<WizardState, 'choices'>): WizardChoice[] {
  const given = step.givenChoices ? (state.choices?.[step.field] ?? []) : [];
  return [...(step.choices ?? []), ...given.map(asChoice)];
}

function asChoice(given: GivenChoice): WizardChoice {
  const { label } = given;
  return { value: given.value, label: typeof label === 'string' ? () => label : (lang) => label[lang] };
}
