import { describe, expect, it } from 'vitest';
import { parcelWizard } from '../../test/support/parcel-wizard.js';
import { numberAnswer, textAnswer } from './answers.js';
import { WizardDefinitionError, validateWizard, type WizardDefinition } from './definition.js';

const parcel = parcelWizard();
const withChanges = (changes: Partial<WizardDefinition>): WizardDefinition => ({ ...parcel, ...changes });

describe('declaring a wizard', () => {
  it('accepts a well-formed definition and refuses at startup one the mechanism could not run', () => {
    expect(() => validateWizard(parcel)).not.toThrow();
    const [weight, size] = parcel.steps;
    const broken: [Partial<WizardDefinition>, string][] = [
      [{ id: 'Parcel form' }, 'wizard "Parcel form": its id is not a short lower-case name'],
      [{ version: 0 }, 'wizard "parcel": its version is not a positive integer'],
      [{ steps: [] }, 'wizard "parcel": it needs 1 to 99 steps'],
      [{ steps: [weight!, weight!] }, 'wizard "parcel": the field "weight" is asked twice'],
      [
        { steps: [{ ...size!, choices: [] }] },
        'wizard "parcel": the step "size" has neither a parser nor choices',
      ],
    ];
    for (const [changes, message] of broken)
      expect(() => validateWizard(withChanges(changes))).toThrow(new WizardDefinitionError(message));
  });
});

describe('typed answers', () => {
  it('reads numbers with a point or a comma, within bounds', () => {
    const weight = numberAnswer('wizard.invalid.choice', { min: 0.1, max: 1_000 });
    expect(weight('12.5')).toEqual({ ok: true, value: 12.5 });
    expect(weight('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(weight('1 000')).toEqual({ ok: true, value: 1_000 });
    for (const wrong of ['', 'twelve', '12kg', '0', '1001', '1.2.3', 'NaN', 'Infinity'])
      expect(weight(wrong), wrong).toEqual({ ok: false, error: 'wizard.invalid.choice' });
  });

  it('reads text in words, not empty, not too long', () => {
    const note = textAnswer('wizard.invalid.choice', 5);
    expect(note('  call me ')).toEqual({ ok: false, error: 'wizard.invalid.choice' });
    expect(note(' hi ')).toEqual({ ok: true, value: 'hi' });
    expect(note('   ')).toEqual({ ok: false, error: 'wizard.invalid.choice' });
  });
});
