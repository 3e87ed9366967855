import type { PaymentMethod, WaybillInput } from '@fieldgram/contracts';

/** What is wrong with an input, for a DomainError 'validation' naming the field. */
export interface InputProblem {
  field: keyof WaybillInput;
  message: string;
}

/** The ranges of the contract (WaybillInputSchema), checked again where the waybill is made. */
export const LIMITS = {
  text: { min: 1, max: 500 },
  address: { min: 5, max: 500 },
  weightKg: { max: 100_000, decimals: 3 },
  sizeCm: { max: 10_000, decimals: 1 },
} as const;

const SIZES = ['lengthCm', 'widthCm', 'heightCm'] as const;
const SIZE_NAMES = { lengthCm: 'length', widthCm: 'width', heightCm: 'height' } as const;

/** A positive number up to `max` with at most `decimals` decimals (float noise allowed). */
function inRange(value: number, max: number, decimals: number): boolean {
  if (!Number.isFinite(value) || value <= 0 || value > max) return false;
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function lengthProblem(value: string, min: number, max: number): string | null {
  const length = value.trim().length;
  if (length < min) return min === 1 ? 'is empty' : `is too short (at least ${min} characters)`;
  if (length > max) return `is too long (at most ${max} characters)`;
  return null;
}

/**
 * The first problem of a waybill's input, or null: every range again (the service does not rely on
 * the caller having checked), and the payment method must be one of the organization's.
 */
export function waybillInputProblem(
  input: WaybillInput,
  methods: readonly PaymentMethod[],
): InputProblem | null {
  const cargo = lengthProblem(input.cargo, LIMITS.text.min, LIMITS.text.max);
  if (cargo) return { field: 'cargo', message: `cargo: the description ${cargo}` };
  if (!inRange(input.weightKg, LIMITS.weightKg.max, LIMITS.weightKg.decimals))
    return {
      field: 'weightKg',
      message: `weightKg: the weight must be more than 0 and at most ${LIMITS.weightKg.max} kg, with up to 3 decimals (e.g. 12.5); got ${input.weightKg}`,
    };
  for (const field of SIZES)
    if (!inRange(input[field], LIMITS.sizeCm.max, LIMITS.sizeCm.decimals))
      return {
        field,
        message: `${field}: the ${SIZE_NAMES[field]} must be more than 0 and at most ${LIMITS.sizeCm.max} cm, with up to 1 decimal (e.g. 120 or 80.5); got ${input[field]}`,
      };
  for (const field of ['pickupAddress', 'deliveryAddress'] as const) {
    const problem = lengthProblem(input[field], LIMITS.address.min, LIMITS.address.max);
    if (problem)
      return {
        field,
        message: `${field}: the ${field === 'pickupAddress' ? 'pickup' : 'delivery'} address ${problem}`,
      };
  }
  if (!methods.some((method) => method.code === input.paymentMethod))
    return {
      field: 'paymentMethod',
      message: `paymentMethod: "${input.paymentMethod}" is not a payment method of this organization (${methods.map((method) => method.code).join(', ')})`,
    };
  return null;
}
