/**
 * Workflows as data: a definition lists the states and the actions between them — where each
 * action may start, where it leads, who may fire it and what it needs — and `fire` decides whether
 * an action is allowed now. The engine knows nothing of tasks: the dispatch workflow (S0), work
 * orders (S3) and staged orders (S4) are different definitions of the same engine.
 *
 * Refusal messages are templates: `{label}` is the subject as people name it ("task #12"),
 * `{status}` its current state, `{action}` the action's name.
 */

/** What the caller knows about the thing the workflow runs on. */
export interface Subject<S extends string> {
  status: S;
  /** How people name it in a refusal: "task #12". */
  label: string;
  /** Named yes/no facts the actions may require ("assignee": the task has one). */
  facts?: Readonly<Record<string, boolean>>;
  /** The state an actor chose, for actions whose destination is chosen (a manual status change). */
  target?: S;
}

/** Who fires an action, as roles relative to the subject (e.g. `assignee` of this very task). */
export interface WorkflowActor<R extends string> {
  roles: readonly R[];
}

export interface ActionDefinition<S extends string, R extends string> {
  /** The states the action may start from; `'*'` = any. */
  from: readonly S[] | '*';
  /** Where it leads: a state, or a rule deciding from the subject (e.g. its chosen target). */
  to: S | ((subject: Subject<S>) => S);
  /** The roles that may fire it. */
  by: readonly R[];
  /** Facts the subject must have, each with the message given when it lacks it. */
  requires?: Readonly<Record<string, string>>;
  /** Whether ending where it started is a valid outcome (a resend, a reassignment); default false. */
  mayStay?: boolean;
  /** Messages when refused: per current state, `default` for any other, `forbidden` for a role refusal. */
  refusals?: Partial<Record<S | 'default' | 'forbidden' | 'unchanged', string>>;
}

export interface WorkflowDefinition<S extends string, R extends string, A extends string> {
  name: string;
  states: readonly S[];
  initial: S;
  actions: Readonly<Record<A, ActionDefinition<S, R>>>;
}

export type RefusalKind = 'forbidden' | 'state' | 'requirement' | 'unchanged';

export type FireResult<S extends string> =
  { to: S; refused?: undefined; kind?: undefined } | { refused: string; kind: RefusalKind; to?: undefined };

/** Checks, in order: who fires it, where the subject is, what it needs, and where it leads. */
export function fire<S extends string, R extends string, A extends string>(
  definition: WorkflowDefinition<S, R, A>,
  subject: Subject<S>,
  action: A,
  actor: WorkflowActor<R>,
): FireResult<S> {
  const spec = definition.actions[action];
  const say = (template: string) => render(template, subject, action);
  if (!actor.roles.some((role) => spec.by.includes(role)))
    return {
      kind: 'forbidden',
      refused: say(spec.refusals?.forbidden ?? `only ${spec.by.join(' or ')} may {action} {label}`),
    };
  if (spec.from !== '*' && !spec.from.includes(subject.status))
    return {
      kind: 'state',
      refused: say(
        spec.refusals?.[subject.status] ??
          spec.refusals?.default ??
          '{label} is {status}: cannot {action} it',
      ),
    };
  for (const [fact, message] of Object.entries(spec.requires ?? {}))
    if (subject.facts?.[fact] !== true) return { kind: 'requirement', refused: say(message) };
  const to = typeof spec.to === 'function' ? spec.to(subject) : spec.to;
  if (!definition.states.includes(to))
    throw new Error(`${definition.name}: ${action} leads to unknown ${to}`);
  if (to === subject.status && spec.mayStay !== true)
    return { kind: 'unchanged', refused: say(spec.refusals?.unchanged ?? '{label} is already {status}') };
  return { to };
}

/** The actions an actor could fire now (buttons to show), ignoring facts-based requirements. */
export function availableActions<S extends string, R extends string, A extends string>(
  definition: WorkflowDefinition<S, R, A>,
  status: S,
  actor: WorkflowActor<R>,
): A[] {
  return (Object.keys(definition.actions) as A[]).filter((action) => {
    const spec = definition.actions[action];
    return (
      actor.roles.some((role) => spec.by.includes(role)) && (spec.from === '*' || spec.from.includes(status))
    );
  });
}

function render(template: string, subject: Subject<string>, action: string): string {
  return template
    .replaceAll('{label}', subject.label)
    .replaceAll('{status}', subject.status.replaceAll('_', ' '))
    .replaceAll('{action}', action.replaceAll('-', ' '));
}
