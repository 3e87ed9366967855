/** The LISTEN/NOTIFY channel that wakes a schema's outbox relay. */
export function outboxChannel(schema: string): string {
  return `fg_outbox_${schema}`;
}
