import type { MenuAction } from '@fieldgram/bot-ui';
import type {
  CallbackRoute,
  EventConsumer,
  Flow,
  FlowContext,
  MenuRoute,
  PageRoute,
  PromptRoute,
} from './flow.js';
import { validateWizard, type WizardDefinition } from '../wizard/definition.js';

/** Every flow's routes together, as the turn handlers look them up. */
export interface Routes {
  menu: Partial<Record<MenuAction, MenuRoute>>;
  callbacks: Record<string, CallbackRoute>;
  pages: Record<string, PageRoute>;
  prompts: Record<string, PromptRoute>;
  wizards: Record<string, WizardDefinition>;
}

export interface MountedFlows {
  routes: Routes;
  consumers: EventConsumer[];
}

/** Two flows claim the same menu button, callback namespace, list, prompt, wizard, queue or name. */
export class FlowConflictError extends Error {
  override readonly name = 'FlowConflictError';
}

/** What a key of each kind of route is called in a conflict's message. */
const ROUTE_KINDS = {
  menu: 'menu action',
  callbacks: 'callback namespace',
  pages: 'paged list',
  prompts: 'prompt',
} as const satisfies Record<Exclude<keyof Routes, 'wizards'>, string>;

/**
 * Mounts the flows in order. A key is owned by one flow: a second flow claiming a menu action,
 * a callback namespace, a paged list, a prompt, a wizard, an event queue or a flow name already
 * taken is refused at startup, naming both flows, instead of one silently winning.
 */
export function mountFlows(flows: readonly Flow[], context: FlowContext): MountedFlows {
  const owners = new Map<string, string>();
  const claim = (what: string, key: string, flow: string) => {
    const id = `${what} "${key}"`;
    const owner = owners.get(id);
    if (owner !== undefined)
      throw new FlowConflictError(`flows "${owner}" and "${flow}" both claim the ${id}`);
    owners.set(id, flow);
  };
  const mounted: MountedFlows = {
    routes: { menu: {}, callbacks: {}, pages: {}, prompts: {}, wizards: {} },
    consumers: [],
  };
  for (const flow of flows) {
    claim('flow name', flow.name, flow.name);
    const parts = flow.mount(context);
    for (const kind of Object.keys(ROUTE_KINDS) as (keyof typeof ROUTE_KINDS)[]) {
      const into = mounted.routes[kind] as Record<string, unknown>;
      for (const [key, route] of Object.entries(parts[kind] ?? {})) {
        claim(ROUTE_KINDS[kind], key, flow.name);
        into[key] = route;
      }
    }
    for (const wizard of parts.wizards ?? []) {
      claim('wizard', wizard.id, flow.name);
      validateWizard(wizard);
      mounted.routes.wizards[wizard.id] = wizard;
    }
    for (const consumer of parts.events ?? []) {
      claim('event queue', consumer.queue, flow.name);
      mounted.consumers.push(consumer);
    }
  }
  return mounted;
}
