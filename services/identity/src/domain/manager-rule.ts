/**
 * Which manager a client gets when nobody chose one (S1-01): the organization's fixed default
 * manager while they are an active manager, else the active manager with the fewest active
 * clients, the oldest of them on a tie. Pure; the store supplies the loads.
 */

/** An active manager and how many active clients they have now. */
export interface ManagerLoad {
  id: string;
  clients: number;
  createdAt: Date;
}

/** The manager the next client gets; null while there is no active manager. */
export function pickManager(managers: readonly ManagerLoad[], fixedId: string | null = null): string | null {
  if (fixedId !== null && managers.some((manager) => manager.id === fixedId)) return fixedId;
  let best: ManagerLoad | undefined;
  for (const manager of managers) if (!best || lighterThan(manager, best)) best = manager;
  return best?.id ?? null;
}

/**
 * The managers of `count` clients assigned one after another (the waiting clients a new manager
 * takes): each pick counts the ones before it. Empty while there is no active manager.
 */
export function distributeClients(
  managers: readonly ManagerLoad[],
  count: number,
  fixedId: string | null = null,
): string[] {
  const loads = managers.map((manager) => ({ ...manager }));
  const picks: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = pickManager(loads, fixedId);
    if (id === null) break;
    picks.push(id);
    loads.find((manager) => manager.id === id)!.clients += 1;
  }
  return picks;
}

function lighterThan(a: ManagerLoad, b: ManagerLoad): boolean {
  if (a.clients !== b.clients) return a.clients < b.clients;
  const age = a.createdAt.getTime() - b.createdAt.getTime();
  // Same instant (one batch): the id, a UUIDv7, still orders them by creation.
  return age !== 0 ? age < 0 : a.id < b.id;
}
